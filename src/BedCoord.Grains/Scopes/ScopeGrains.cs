using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using Microsoft.Extensions.Logging;

namespace BedCoord.Grains.Scopes;

public sealed class RegionGrain(
    [PersistentState("scope", GridOptions.StorageName)] IPersistentState<AggregateState> state, ScopeServices services, ILogger<RegionGrain> log)
    : AggregateGrain(state, services, log), IRegionGrain
{
    protected override ScopeKind Kind => ScopeKind.Region;
}

public sealed class SectorGrain(
    [PersistentState("scope", GridOptions.StorageName)] IPersistentState<AggregateState> state, ScopeServices services, ILogger<SectorGrain> log)
    : AggregateGrain(state, services, log), ISectorGrain
{
    protected override ScopeKind Kind => ScopeKind.Sector;
}

public sealed class DepartmentGrain(
    [PersistentState("scope", GridOptions.StorageName)] IPersistentState<AggregateState> state, ScopeServices services, ILogger<DepartmentGrain> log)
    : AggregateGrain(state, services, log), IDepartmentGrain
{
    protected override ScopeKind Kind => ScopeKind.Department;
}
