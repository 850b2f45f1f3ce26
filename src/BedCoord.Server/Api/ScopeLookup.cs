using BedCoord.Domain.Territory;
using BedCoord.Grains.Territory;

namespace BedCoord.Server.Api;

/// <summary>Turns URL segments into a known scope, or the 404 to answer.</summary>
public static class ScopeLookup
{
    public static IResult? Find(TerritoryCatalogHolder territory, ScopeKind kind, string id, out ScopeRef scope)
    {
        scope = new ScopeRef(kind, id);
        if (territory.Current.Contains(scope)) return null;
        var label = kind switch
        {
            ScopeKind.Region => "Région",
            ScopeKind.Sector => "Secteur",
            ScopeKind.Department => "Département",
            ScopeKind.Establishment => "Établissement",
            _ => "Service",
        };
        var shown = id.Length <= 60 ? id : id[..60] + "…";
        return Problems.NotFound($"{label} « {shown} » inconnu.");
    }

    public static IResult? FindUnit(TerritoryCatalogHolder territory, string finess, string unitId, out ScopeRef unit)
    {
        unit = default;
        if (Find(territory, ScopeKind.Establishment, finess, out _) is { } notFound) return notFound;
        return Find(territory, ScopeKind.Unit, Identifiers.UnitKey(finess, unitId), out unit);
    }
}
