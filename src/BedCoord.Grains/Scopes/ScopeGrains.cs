using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BedCoord.Grains.Scopes;

public sealed class RegionGrain(
    [PersistentState("scope", GridOptions.StorageName)] IPersistentState<AggregateState> state,
    TerritoryCatalogHolder territory, TimeProvider clock, IOptions<GridOptions> options, ILogger<RegionGrain> log)
    : AggregateGrain(state, territory, clock, options, log), IRegionGrain
{
    protected override ScopeKind Kind => ScopeKind.Region;
}

public sealed class SectorGrain(
    [PersistentState("scope", GridOptions.StorageName)] IPersistentState<AggregateState> state,
    TerritoryCatalogHolder territory, TimeProvider clock, IOptions<GridOptions> options, ILogger<SectorGrain> log)
    : AggregateGrain(state, territory, clock, options, log), ISectorGrain
{
    protected override ScopeKind Kind => ScopeKind.Sector;
}

public sealed class DepartmentGrain(
    [PersistentState("scope", GridOptions.StorageName)] IPersistentState<AggregateState> state,
    TerritoryCatalogHolder territory, TimeProvider clock, IOptions<GridOptions> options, ILogger<DepartmentGrain> log)
    : AggregateGrain(state, territory, clock, options, log), IDepartmentGrain
{
    protected override ScopeKind Kind => ScopeKind.Department;
}
