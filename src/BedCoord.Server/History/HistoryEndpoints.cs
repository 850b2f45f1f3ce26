using System.Text.Json;
using System.Text.Json.Nodes;
using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.History;
using BedCoord.Server.Api;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using BedCoord.Server.OpenApi;

namespace BedCoord.Server.History;

/// <summary>History, level intervals and replay of every scope (api-v1 § History and replay).</summary>
public static class HistoryEndpoints
{
    public static RouteGroupBuilder MapHistoryEndpoints(this RouteGroupBuilder api)
    {
        // The query parameters are read from the request (to refuse bad ones by name); they are declared here for the contract.
        api.MapGet("/{kind}/{id}/history", (string kind, string id, [AsParameters] HistoryQuery _, HttpContext http, TerritoryCatalogHolder t, HistoryReader reader) =>
                ScopeRoute.Find(t, kind, id, out var scope) is { } notFound ? Task.FromResult(notFound) : History(http, scope, reader))
            .WithName("getScopeHistory").WithHistoryContract()
            .WithSummary("A scope's series over a range: one point per bucket (1m, 1h or 1d), the open bucket from live state; JSON, CSV, csv-fr or XLSX");
        api.MapGet("/establishments/{finess}/units/{unitId}/history", (string finess, string unitId, [AsParameters] HistoryQuery _, HttpContext http, TerritoryCatalogHolder t, HistoryReader reader) =>
                ScopeLookup.FindUnit(t, finess, unitId, out var unit) is { } notFound ? Task.FromResult(notFound) : History(http, unit, reader))
            .WithName("getUnitHistory").WithHistoryContract()
            .WithSummary("A unit's series over a range");
        api.MapGet("/{kind}/{id}/levels", Levels)
            .WithName("getScopeLevels").WithTags("History")
            .WithParameters(OpenApi.Param.Time("from", "Start of the range (default: to − 7 days)"), OpenApi.Param.Time("to", "End of the range (default: now)"))
            .Produces<IReadOnlyList<LevelInterval>>().Refuses(400, 404)
            .WithSummary("Intervals of a scope's effective level over a range, oldest first, with their cause");
        return api;
    }

    private static async Task<IResult> History(HttpContext http, ScopeRef scope, HistoryReader reader)
    {
        var errors = new FieldErrors();
        var q = http.Request.Query;
        var format = HistoryExport.FormatOf(http.Request, out var formatError);
        if (formatError is not null) errors.Add("format", formatError);
        var range = HistoryRange.Parse(Param(q, "from"), Param(q, "to"), Param(q, "step"), reader.Now, errors);
        if (range is null || format is null) return Problems.Invalid(errors);

        var points = await reader.SeriesAsync(scope, range, http.RequestAborted);
        var name = $"historique-{scope.Kind.Name()}-{scope.Id.Replace('/', '-')}";
        return format switch
        {
            "csv" => Results.Text(HistoryExport.Csv(points, french: false), "text/csv; charset=utf-8"),
            "csv-fr" => Results.File(System.Text.Encoding.UTF8.GetBytes(HistoryExport.Csv(points, french: true)), "text/csv; charset=utf-8", name + ".csv"),
            "xlsx" => new XlsxResult(points, name),
            _ => Results.Ok(new HistoryAnswer(scope.Kind.Name(), scope.Id, range.From, range.To, range.Step.Name(),
                points.Select(HistoryAnswerPoint.Of).ToList())),
        };
    }

    private static async Task<IResult> Levels(string kind, string id, HttpContext http, TerritoryCatalogHolder t, InputLog inputs, TimeProvider clock)
    {
        if (ScopeRoute.Find(t, kind, id, out var scope) is { } notFound) return notFound;
        var errors = new FieldErrors();
        var now = clock.GetUtcNow();
        var to = HistoryRange.ParseTime("to", Param(http.Request.Query, "to"), errors) ?? now;
        var from = HistoryRange.ParseTime("from", Param(http.Request.Query, "from"), errors) ?? to.AddDays(-7);
        if (errors.IsEmpty && from > to) errors.Add("from", "Le début (from) doit précéder la fin (to).");
        if (!errors.IsEmpty) return Problems.Invalid(errors);
        var intervals = LevelInterval.Of(await inputs.LevelChangesAsync(scope, from, to, http.RequestAborted));
        return Results.Ok(intervals.Select(i => new { i.From, i.To, i.Level, i.ComputedLevel, i.DeclaredLevel, i.Cause }));
    }

    /// <summary>The summary with children as it was at <paramref name="at"/>, with <c>at</c> echoed (api-v1 replay).</summary>
    public static async Task<IResult> Replay(HttpContext http, ScopeRef scope, string atText, GridModelLoader loader, TimeProvider clock)
    {
        var errors = new FieldErrors();
        var at = HistoryRange.ParseTime("at", atText, errors);
        if (at is { } t && t > clock.GetUtcNow()) errors.Add("at", "La relecture porte sur le passé : cet instant est dans le futur.");
        if (at is null || !errors.IsEmpty) return Problems.Invalid(errors);
        var model = await loader.ModelAtAsync(at.Value, scope, http.RequestAborted);
        var summary = model.SummaryOf(scope, withChildren: true);
        if (summary is null)
            return Problems.NotFound($"Aucun état connu de ce périmètre au {at.Value:O} : l'historique commence plus tard.");
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var node = JsonSerializer.SerializeToNode(summary, options)!.AsObject();
        node["at"] = at.Value;
        return Results.Json(node, options);
    }

    private static RouteHandlerBuilder WithHistoryContract(this RouteHandlerBuilder route) => route
        // One declaration per status: the same rows as JSON, CSV (csv, csv-fr) or a spreadsheet.
        .Produces<HistoryAnswer>(StatusCodes.Status200OK, "application/json", "text/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .WithTags("History")
        .WithParameters(
            OpenApi.Param.Time("from", "Start of the range (default: to − 24 h)"),
            OpenApi.Param.Time("to", "End of the range (default: now)"),
            OpenApi.Param.OneOf("step", "Bucket size (default: chosen from the range: ≤ 6 h → 1m, ≤ 60 days → 1h, else 1d); at most 2,000 points", ["1m", "1h", "1d"]),
            OpenApi.Param.OneOf("format", "json, csv (RFC 4180), csv-fr (French Excel: BOM, ;, decimal comma, Paris times) or xlsx", ["json", "csv", "csv-fr", "xlsx"], "json"))
        .Refuses(400, 404);

    private static string? Param(IQueryCollection q, string name) => q.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;

    private sealed class XlsxResult(IReadOnlyList<HistoryPoint> points, string name) : IResult
    {
        public Task ExecuteAsync(HttpContext http) => HistoryExport.WriteXlsxAsync(http.Response, points, name, http.RequestAborted);
    }
}
