using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Server.History;
using BedCoord.Server.OpenApi;

namespace BedCoord.Server.Api;

/// <summary>Reading the grid (api-v1): the territory and the live summary of each scope with its children.</summary>
public static class ReadEndpoints
{
    public static RouteGroupBuilder MapReadEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/territory", (TerritoryCatalogHolder territory) => Results.Ok(territory.Current.Document))
            .WithName("getTerritory").WithTags("Grid").Produces<TerritoryDocument>()
            .WithSummary("The territory tree: regions, sectors, départements, establishments, units");

        api.MapGet("/regions/{id}", (string id, TerritoryCatalogHolder t, IGrainFactory g, HttpContext http) => Summary(t, g, ScopeKind.Region, id, http))
            .WithSummaryContract("getRegion", "A region's live summary with its sectors' summaries");
        api.MapGet("/sectors/{id}", (string id, TerritoryCatalogHolder t, IGrainFactory g, HttpContext http) => Summary(t, g, ScopeKind.Sector, id, http))
            .WithSummaryContract("getSector", "A sector's live summary with its départements' summaries");
        api.MapGet("/departments/{code}", (string code, TerritoryCatalogHolder t, IGrainFactory g, HttpContext http) => Summary(t, g, ScopeKind.Department, code, http))
            .WithSummaryContract("getDepartment", "A département's live summary with its establishments' summaries");
        api.MapGet("/establishments/{finess}", (string finess, TerritoryCatalogHolder t, IGrainFactory g, HttpContext http) => Summary(t, g, ScopeKind.Establishment, finess, http))
            .WithSummaryContract("getEstablishment", "An establishment's live summary with its units' summaries");

        api.MapGet("/establishments/{finess}/units/{unitId}", async (string finess, string unitId, TerritoryCatalogHolder t, IGrainFactory g, HttpContext http) =>
        {
            if (ScopeLookup.FindUnit(t, finess, unitId, out var unit) is { } notFound) return notFound;
            var summary = await g.Scope(unit).GetSummary(false);
            http.Response.Headers.ETag = ETags.Format(summary.Version ?? 0);
            return Results.Ok(summary);
        }).WithName("getUnit").WithTags("Grid").WithSummary("One unit's bed state, with its version as ETag")
            .WithETag().Produces<Summary>().Refuses(404);
        return api;
    }

    // ?at= replays the scope (History), so the contract names it; the answer then also echoes `at`.
    private static RouteHandlerBuilder WithSummaryContract(this RouteHandlerBuilder route, string name, string summary) => route
        .WithName(name).WithTags("Grid").WithSummary(summary)
        .WithParameters(Param.Time("at", "Replay: the summary with children as it was at this past instant (the answer then echoes at)"))
        .Produces<Summary>().Refuses(400, 404);

    private static async Task<IResult> Summary(TerritoryCatalogHolder territory, IGrainFactory grains, ScopeKind kind, string id, HttpContext http)
    {
        if (ScopeLookup.Find(territory, kind, id, out var scope) is { } notFound) return notFound;
        // ?at= replays the scope as it was then, from the input log (api-v1 § History and replay).
        if (http.Request.Query.TryGetValue("at", out var at))
            return await HistoryEndpoints.Replay(http, scope, at.ToString(), http.RequestServices.GetRequiredService<GridModelLoader>(),
                http.RequestServices.GetRequiredService<TimeProvider>());
        return Results.Ok(await grains.Scope(scope).GetSummary(true));
    }
}
