namespace BedCoord.Domain.History;

/// <summary>
/// One stored bucket of a scope's series: the values in force at the bucket's end, the range of available
/// beds over the bucket and the highest levels reached in it. A bucket is stored only when something
/// changed in it; a reader carries the previous bucket's end values forward over the gap.
/// </summary>
public sealed record HistoryRow(
    string Scope,
    DateTimeOffset Bucket,
    ScopeValues End,
    int AvailableMin,
    int AvailableMax,
    int? LevelMax,
    int? ComputedMax,
    int? DeclaredMax);
