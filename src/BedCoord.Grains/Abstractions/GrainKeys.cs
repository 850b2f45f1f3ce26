using BedCoord.Domain.Territory;

namespace BedCoord.Grains.Abstractions;

/// <summary>The grain behind each node of the territory.</summary>
public static class GrainKeys
{
    public const string TerritoryKey = "default";

    public static IScopeGrain Scope(this IGrainFactory grains, ScopeRef scope) => scope.Kind switch
    {
        ScopeKind.Unit => grains.GetGrain<IUnitGrain>(scope.Id),
        _ => grains.Aggregate(scope),
    };

    public static IAggregateGrain Aggregate(this IGrainFactory grains, ScopeRef scope) => scope.Kind switch
    {
        ScopeKind.Establishment => grains.GetGrain<IEstablishmentGrain>(scope.Id),
        ScopeKind.Department => grains.GetGrain<IDepartmentGrain>(scope.Id),
        ScopeKind.Sector => grains.GetGrain<ISectorGrain>(scope.Id),
        ScopeKind.Region => grains.GetGrain<IRegionGrain>(scope.Id),
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Not an aggregate scope."),
    };

    public static IUnitGrain Unit(this IGrainFactory grains, string finess, string unitId) =>
        grains.GetGrain<IUnitGrain>(Identifiers.UnitKey(finess, unitId));

    public static ITerritoryGrain Territory(this IGrainFactory grains) => grains.GetGrain<ITerritoryGrain>(TerritoryKey);
}
