using System.Text.Json;
using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Crisis;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.Crisis;
using BedCoord.Server.Api;
using BedCoord.Server.Auth;
using BedCoord.Server.History;
using BedCoord.Server.Reports;
using BedCoord.Server.OpenApi;

namespace BedCoord.Server.Crisis;

/// <summary>The cell page's overview, the point de situation, and the export of a period of the main courante.</summary>
public static class CellEndpoints
{
    public sealed record PointBody(string? Text);

    public static RouteGroupBuilder MapCellEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/{kind}/{id}/cell", Overview).WithName("getCrisisCell").WithTags("Crisis cell")
            .WithSummary("A crisis cell at a glance: live figures, declarations in force in the subtree (longest first), open measures, open requests, chain head")
            .Produces<CellOverview>(200).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        api.MapPost("/{kind}/{id}/logbook/point", Point).WithName("recordSituationPoint").WithTags("Crisis cell")
            .WithSummary("Record a point de situation: the scope's figures frozen into one main courante entry")
            .AcceptsJson<PointBody>(new { text = "Point de 10 h : situation tendue, 2 plans blancs dans le département." }).Produces<LogbookEntry>(201)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(415);
        api.MapGet("/{kind}/{id}/logbook/export", Export).WithName("exportLogbook").WithTags("Crisis cell")
            .WithSummary("A period of the main courante as CSV (format=csv | csv-fr) or PDF (format=pdf), carrying the chain's head hash")
            .WithDescription("from defaults to 24 h before to; to defaults to now. The head hash is also in the X-Chain-Head header.")
            .Produces<string>(200, "text/csv", "application/pdf")
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(503);
        return api;
    }

    private static async Task<IResult> Overview(string kind, string id, HttpContext http, TerritoryCatalogHolder territory, CellOverviews overviews)
    {
        if (CellAccess.Read(http, territory, kind, id, out var scope) is { } denied) return denied;
        return Results.Ok(await overviews.BuildAsync(scope, http.User.ToCaller(), http.RequestAborted));
    }

    private static async Task<IResult> Point(string kind, string id, HttpContext http, TerritoryCatalogHolder territory, WriteGuard guard,
        CellOverviews overviews, CrisisJournal journal)
    {
        var (body, error) = await guard.BeginAsync(http, WriteKind.Declaration, ScopeRoute.Find(territory, kind, id, out var scope), scope);
        if (error is not null) return error;
        using var _ = body;
        var errors = new FieldErrors();
        body!.RejectUnknown(["text"], errors);
        var comment = body.String("text", errors, 1000);
        if (!errors.IsEmpty) return Problems.Invalid(errors);
        var caller = http.User.ToCaller();
        var overview = await overviews.BuildAsync(scope, caller, http.RequestAborted);
        var (_, entry) = await journal.AppendAsync(SituationPoint.Draft(scope, overview, comment, caller.Subject, caller.Role));
        await guard.RecordAsync(http, "logbook.point", scope, null, new { entry!.Id, entry.Seq, entry.Hash });
        return Results.Created($"/api/{kind}/{id}/logbook/{entry.Id}", entry);
    }

    private static async Task<IResult> Export(string kind, string id, string? from, string? to, string? format, HttpContext http,
        TerritoryCatalogHolder territory, LogbookStore store, ReportPdf pdf, TimeProvider clock)
    {
        if (CellAccess.Read(http, territory, kind, id, out var scope) is { } denied) return denied;
        var errors = new FieldErrors();
        var until = QueryValues.Time("to", to, errors) ?? clock.GetUtcNow();
        var since = QueryValues.Time("from", from, errors) ?? until.AddHours(-24);
        if (format is not (null or "csv" or "csv-fr" or "pdf")) errors.Add("format", "format vaut csv, csv-fr ou pdf.");
        if (errors.IsEmpty && since > until) errors.Add("to", "to doit suivre from.");
        if (errors.IsEmpty && until - since > TimeSpan.FromDays(366)) errors.Add("from", "Une exportation couvre au plus un an.");
        if (!errors.IsEmpty) return Problems.Invalid(errors);

        var entries = await store.ListAsync(scope, since, until, 50_000, http.RequestAborted);
        var chain = await store.VerifyAsync(scope, http.RequestAborted);
        http.Response.Headers["X-Chain-Head"] = chain.Head;
        var name = $"main-courante-{scope.Kind.Name()}-{scope.Id}-{since:yyyyMMdd}-{until:yyyyMMdd}";
        if (format != "pdf")
        {
            var french = format == "csv-fr";
            return Results.File(System.Text.Encoding.UTF8.GetBytes(LogbookExport.Csv(entries, french)), "text/csv; charset=utf-8", name + ".csv");
        }
        if (!pdf.Available)
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "PDF indisponible",
                detail: $"Chromium est introuvable sur le serveur ({pdf.ChromiumPath}) : exportez en CSV ou imprimez la page de la cellule.");
        var scopeName = territory.Current.NameOf(scope) ?? scope.Id;
        var html = LogbookExport.Html(scopeName, since, until, entries, chain, clock.GetUtcNow());
        var bytes = await pdf.RenderAsync($"Main courante {scopeName}", html, http.RequestAborted, "logbook-print.css");
        return Results.File(bytes, "application/pdf", name + ".pdf");
    }
}
