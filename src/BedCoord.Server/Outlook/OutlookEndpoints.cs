using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using BedCoord.Grains.Territory;
using BedCoord.Server.Api;
using BedCoord.Server.OpenApi;

namespace BedCoord.Server.Outlook;

/// <summary>The 24 h outlook of a scope's available beds (issue 9 item 5; docs/API.md § Outlook, docs/OUTLOOK.md).</summary>
public static class OutlookEndpoints
{
    public static RouteGroupBuilder MapOutlookEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/{kind}/{id}/outlook", Get)
            .WithName("getOutlook").WithTags("Outlook")
            .WithParameters(Param.Time("at", "A past instant: the outlook as it would have been then (replay, backtest)"))
            .WithSummary("Available beds expected in 6, 12 and 24 h, with a band, from the state now (or at ?at=), expected discharges and the BJML")
            .WithDescription("kind: regions, sectors, departments or establishments; id: the scope's id (FINESS for an establishment, "
                + "code for a département). Optional at: a past instant (ISO 8601 with offset) to compute the outlook as it would have been "
                + "then, from the state rebuilt from the input log (replay, backtest). An estimate: the method says how it was made.")
            .Produces<OutlookResponse>(StatusCodes.Status200OK, "application/json")
            .Refuses(400, 404);
        return api;
    }

    private static async Task<IResult> Get(string kind, string id, string? at, HttpContext http, TerritoryCatalogHolder t,
        OutlookService outlook, TimeProvider clock)
    {
        if (ScopeRoute.Find(t, kind, id, out var scope) is { } notFound) return notFound;
        var errors = new FieldErrors();
        var now = clock.GetUtcNow();
        var when = HistoryRange.ParseTime("at", at, errors);
        if (when is { } w && w > now) errors.Add("at", "L'estimation part de l'état présent ou passé : cet instant est dans le futur.");
        if (!errors.IsEmpty) return Problems.Invalid(errors);
        var answer = await outlook.ComputeAsync(scope, now, when, http.RequestAborted);
        return answer is null
            ? Problems.NotFound($"Aucun état connu de ce périmètre au {when:O} : l'historique commence plus tard.")
            : Results.Ok(answer);
    }
}
