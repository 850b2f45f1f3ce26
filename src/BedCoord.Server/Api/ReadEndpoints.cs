using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Server.History;

namespace BedCoord.Server.Api;

/// <summary>Reading the grid (api-v1): the territory and the live summary of each scope with its children.</summary>
public static class ReadEndpoints
{
    public static RouteGroupBuilder MapReadEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/territory", (TerritoryCatalogHolder territory) => Results.Ok(territory.Current.Document))
            .WithSummary("The territory tree: regions, sectors, départements, establishments, units");

        api.MapGet("/regions/{id}", (string id, TerritoryCatalogHolder t, IGrainFactory g, HttpContext http) => Summary(t, g, ScopeKind.Region, id, http));
        api.MapGet("/sectors/{id}", (string id, TerritoryCatalogHolder t, IGrainFactory g, HttpContext http) => Summary(t, g, ScopeKind.Sector, id, http));
        api.MapGet("/departments/{code}", (string code, TerritoryCatalogHolder t, IGrainFactory g, HttpContext http) => Summary(t, g, ScopeKind.Department, code, http));
        api.MapGet("/establishments/{finess}", (string finess, TerritoryCatalogHolder t, IGrainFactory g, HttpContext http) => Summary(t, g, ScopeKind.Establishment, finess, http));

        api.MapGet("/establishments/{finess}/units/{unitId}", async (string finess, string unitId, TerritoryCatalogHolder t, IGrainFactory g, HttpContext http) =>
        {
            if (ScopeLookup.FindUnit(t, finess, unitId, out var unit) is { } notFound) return notFound;
            var summary = await g.Scope(unit).GetSummary(false);
            http.Response.Headers.ETag = ETags.Format(summary.Version ?? 0);
            return Results.Ok(summary);
        }).WithSummary("One unit's bed state, with its version as ETag");
        return api;
    }

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
