using BedCoord.Domain.Territory;
using BedCoord.Grains.Territory;

namespace BedCoord.Server.Api;

/// <summary>"/api/{kind}/{id}/..." where kind is regions, sectors, departments or establishments.</summary>
public static class ScopeRoute
{
    public static IResult? Find(TerritoryCatalogHolder territory, string kind, string id, out ScopeRef scope)
    {
        scope = default;
        if (!ScopeKinds.TryParse(kind, out var k) || k == ScopeKind.Unit || !kind.EndsWith('s'))
            return Problems.NotFound($"« {(kind.Length <= 30 ? kind : kind[..30])} » n'est pas un type de périmètre (regions, sectors, departments, establishments).");
        return ScopeLookup.Find(territory, k, id, out scope);
    }
}
