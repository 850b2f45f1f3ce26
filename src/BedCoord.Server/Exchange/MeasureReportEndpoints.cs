using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Exchange.Fhir;
using BedCoord.Grains.Abstractions;
using BedCoord.Server.History;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace BedCoord.Server.Exchange;

/// <summary>
/// GET /fhir/r4/MeasureReport?subject={kind}/{id}&amp;period=…: the scope's SANER-style reports (exchange.md §2), from the
/// live state when the period contains now, else from the input log replayed at the end of the period (history).
/// </summary>
public static class MeasureReportEndpoints
{
    private static readonly string[] Parameters = ["subject", "period"];

    public static RouteGroupBuilder MapMeasureReportEndpoints(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/MeasureReport", Search)
            .WithName("FhirSearchMeasureReport")
            .WithSummary("SANER summary MeasureReports (CDC measure + BedCoord measure) of a region, sector, département or establishment, now or for a past period")
            .FhirProduces(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return fhir;
    }

    private static async Task<IResult> Search(HttpContext http, FhirContext context, GridModelLoader history)
    {
        var issues = new List<FhirIssue>();
        if (FhirSearch.Parse("MeasureReport", FhirContext.Query(http.Request), Parameters, issues) is not { } search)
            return FhirResult.Issues(StatusCodes.Status400BadRequest, issues);
        if (search["subject"] is not { } subjectText || !TryParseSubject(subjectText, out var scope))
            return FhirResult.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Required,
                "subject est obligatoire : region/OCC, sector/SUD, department/31, establishment/310781406 (ou Location/department-31).");
        if (!context.Territory.Current.Contains(scope)) return FhirResult.NotFound("Location", TerritoryLocationMap.IdOf(scope));
        FhirDateParam? period = null;
        if (search["period"] is { } periodText && !FhirDateParam.TryParse(periodText, out period))
            return FhirResult.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid,
                $"period doit être une date FHIR avec un préfixe facultatif (2025-01-15, ge2025-01-15T08:00:00Z), reçu « {periodText} ».");

        var now = context.Now;
        var summary = await SummaryFor(scope, period, now, context, history, http.RequestAborted);
        var reports = summary is null ? [] : MeasureReportMap.ToFhir(summary, now, context.Codes);
        return new FhirResult(SearchsetBuilder.Page(FhirContext.BaseUrl(http.Request), "MeasureReport", reports.Cast<Resource>().ToList(),
            reports.Count, 0, Math.Max(reports.Count, 1), search.LinkQuery, now));
    }

    private static async Task<Summary?> SummaryFor(ScopeRef scope, FhirDateParam? period, DateTimeOffset now, FhirContext context,
        GridModelLoader history, CancellationToken ct)
    {
        if (period is null || period.Overlaps(now, now)) return await context.Grains.Scope(scope).GetSummary(false);
        if (period.Start > now) return null; // the future has no report
        // A past period: the state in force at its last instant, replayed from the input log.
        var at = (period.Prefix == "lt" ? period.Start : period.End).AddTicks(-1);
        var model = await history.ModelAtAsync(at, scope, ct);
        return model.SummaryOf(scope);
    }

    /// <summary>"department/31" (exchange.md) or "Location/department-31" (the subject reference itself).</summary>
    internal static bool TryParseSubject(string text, out ScopeRef scope)
    {
        scope = default;
        if (text.StartsWith("Location/", StringComparison.Ordinal)) return TerritoryLocationMap.TryParse(text["Location/".Length..], out scope);
        var slash = text.IndexOf('/');
        if (slash <= 0 || !ScopeKinds.TryParse(text[..slash], out var kind) || kind == ScopeKind.Unit) return false;
        scope = new ScopeRef(kind, text[(slash + 1)..]);
        return scope.Id.Length > 0;
    }
}
