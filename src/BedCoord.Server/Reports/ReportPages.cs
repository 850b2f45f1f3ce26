using BedCoord.Domain.Report;
using BedCoord.Grains.Territory;
using BedCoord.Server.Api;
using BedCoord.Server.OpenApi;

namespace BedCoord.Server.Reports;

/// <summary>The report's page (/rapport/departement/{code}?semaine=2026-W48) and its PDF.</summary>
public static class ReportPages
{
    public static void MapReportPages(this IEndpointRouteBuilder app)
    {
        // The page is a plain-JS shell (like the board) that fetches the report with the caller's token.
        app.MapFallbackToFile("/rapport/departement/{code}", "report.html");
        app.MapGet("/rapport/departement/{code}.pdf", Pdf).RequireAuthorization().WithName("getWeeklyReportPdf")
            .WithSummary("The weekly report as PDF (A4 landscape), printed by headless Chromium from the page's own markup")
            .WithDescription("Query: semaine (ISO week, e.g. 2026-W48; default the current week), snapshot (a frozen version; default the latest when frozen).")
            .WithTags("Reports")
            .WithParameters(Param.Week("semaine", "ISO week (default: the current week, Europe/Paris)"),
                new ParameterContract("snapshot", Microsoft.OpenApi.ParameterLocation.Query, "Id of a frozen version (default: the latest when frozen)")
                    { Type = Microsoft.OpenApi.JsonSchemaType.Integer, Format = "int64", Minimum = "1", Example = System.Text.Json.Nodes.JsonValue.Create(1) })
            .Produces<Stream>(200, "application/pdf").Refuses(400, 404, 503);
    }

    private static async Task<IResult> Pdf(string code, string? semaine, string? snapshot, HttpContext http, TerritoryCatalogHolder territory,
        WeeklyReports reports, ReportPdf pdf)
    {
        if (WeeklyReportEndpoints.Resolve(territory, reports, code, semaine, "semaine", out _, out var week) is { } error) return error;
        long? snapshotId = null;
        if (!string.IsNullOrEmpty(snapshot))
        {
            if (!long.TryParse(snapshot, out var id) || id <= 0) return Problems.Invalid("snapshot", "snapshot doit être l'identifiant d'une version figée.");
            snapshotId = id;
        }
        if (!pdf.Available)
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF indisponible",
                detail: $"Chromium est introuvable sur le serveur ({pdf.ChromiumPath}) : le PDF ne peut pas être produit. " +
                        "Installez-le (apt-get install chromium) ou réglez Reports:Chromium ; en attendant, imprimez la page depuis le navigateur (Ctrl+P, A4 paysage).");
        var answer = await reports.AnswerAsync(code, week, snapshotId, live: false, http.RequestAborted);
        if (answer is null) return Problems.NotFound($"Aucune version figée n°{snapshotId} pour la semaine {week}.");
        var title = $"Rapport hebdomadaire {answer.Report.DepartmentName} {week}";
        var bytes = await pdf.RenderAsync(title, WeeklyReportHtml.Render(answer.Report, answer.Frozen, answer.Actions), http.RequestAborted);
        return Results.File(bytes, "application/pdf", $"rapport-{code}-{week}.pdf");
    }
}
