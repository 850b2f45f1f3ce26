using BedCoord.Domain.Live;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Tension;
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
    /// <summary>The summary with its children, numbered like the scope's announcements: where a relay starts from.</summary>
    [AlwaysInterleave]
    Task<ScopeSnapshot> GetSnapshot();

    /// <summary>A child reports its new summary; the parent re-sums and reports upward only if its own changed.</summary>
    Task ChildChanged(Summary child);

    /// <summary>Declares a level on this scope (plan blanc...); durable before it answers.</summary>
    Task<Summary> Declare(Declaration declaration);

    /// <summary>Lifts the current declaration; false when there was none.</summary>
    Task<LiftResult> Lift(string by, string reason);

    /// <summary>
    /// Re-reads every child's summary. A silo's death can swallow a child's report (written by the child,
    /// never delivered): the survivors call this so sums catch up without waiting for the next write.
    /// Interleaves: while it waits for its children, their reports to this scope go through (a child deactivating
    /// answers only once its own report is through, so holding the turn made both wait for Orleans' timeouts).
    /// </summary>
    [AlwaysInterleave]
    Task Reconcile();

    /// <summary>Applies the passing of time (stale units, expired declarations, a new BJML week) and new rule sets.</summary>
    [OneWay] Task Reevaluate(long ruleBookVersion);
}

[GenerateSerializer, Immutable, Alias("bedcoord.lift-result")]
public sealed record LiftResult([property: Id(0)] Declaration? Lifted, [property: Id(1)] Summary Scope);

public interface IRegionGrain : IAggregateGrain;
public interface ISectorGrain : IAggregateGrain;
public interface IDepartmentGrain : IAggregateGrain;
