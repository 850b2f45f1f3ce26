using BedCoord.Domain.Bjml;
using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using Orleans.Concurrency;

namespace BedCoord.Grains.Abstractions;

/// <summary>The one holder of every scope's own rule set (key "default"); every silo caches it.</summary>
public interface IRuleBookGrain : IGrainWithStringKey
{
    [AlwaysInterleave] Task<RuleBook> Get();
    [AlwaysInterleave] Task<long> GetVersion();

    /// <summary>Sets (or with null removes) a scope's own rule set, durable before it answers.</summary>
    Task<RuleBook> Set(ScopeRef scope, RuleSet? rules);
}

/// <summary>Once a minute (a reminder, so it survives restarts), asks every aggregate to apply the passing of time.</summary>
public interface ITensionClockGrain : IGrainWithStringKey
{
    Task Start();
}

/// <summary>An establishment's daily post-emergency hospitalisations and RPU quality, from which its BJML comes.</summary>
public interface IEdAdmissionsGrain : IGrainWithStringKey
{
    /// <summary>Merges daily counts (a date already present is replaced); returns how many were imported.</summary>
    Task<int> Import(IReadOnlyList<DailyCount> counts);
    Task SetQuality(RpuQuality quality);
    [AlwaysInterleave] Task<RpuQuality> GetQuality();
    [AlwaysInterleave] Task<BjmlResult> Compute(DateOnly date);
}
