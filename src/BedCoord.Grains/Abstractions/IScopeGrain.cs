using BedCoord.Domain.Summaries;
using Orleans.Concurrency;

namespace BedCoord.Grains.Abstractions;

/// <summary>Any node of the grid: it answers its live summary.</summary>
public interface IScopeGrain : IGrainWithStringKey
{
    /// <summary>
    /// Interleaves so that a parent reconciling its children never waits on a child that is itself
    /// waiting to report to that parent.
    /// </summary>
    [AlwaysInterleave]
    Task<Summary> GetSummary(bool withChildren);
}

/// <summary>A node that sums its children: establishment, département, sector, region.</summary>
public interface IAggregateGrain : IScopeGrain
{
    /// <summary>A child reports its new summary; the parent re-sums and reports upward only if its own changed.</summary>
    Task ChildChanged(Summary child);
}

public interface IRegionGrain : IAggregateGrain;
public interface ISectorGrain : IAggregateGrain;
public interface IDepartmentGrain : IAggregateGrain;
