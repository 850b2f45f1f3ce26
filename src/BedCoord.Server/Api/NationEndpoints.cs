using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;

namespace BedCoord.Server.Api;

/// <summary>
/// GET /api/nation: the national scope above the regions, summed on read from the live region summaries
/// (18 grain calls; regions carry their own totals already). Boards keep it live by subscribing to each
/// region on the hub (docs/API.md "National scope").
/// </summary>
public static class NationEndpoints
{
    public static RouteGroupBuilder MapNationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/nation", async (TerritoryCatalogHolder territory, IGrainFactory grains) =>
            {
                var regions = await Task.WhenAll(territory.Current.Document.Regions
                    .Select(r => grains.Scope(new ScopeRef(ScopeKind.Region, r.Id)).GetSummary(false)));
                return TypedResults.Ok(NationalSummary.Sum(regions));
            })
            .WithName("GetNation")
            .WithSummary("The national scope: every region summed, with the regions as children")
            .WithDescription("Sums like every other scope; its level is the highest regional level (there are no national thresholds). An empty territory answers zeros and no children.")
            .Produces<Summary>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return api;
    }
}
