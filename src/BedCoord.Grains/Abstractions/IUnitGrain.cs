using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;

namespace BedCoord.Grains.Abstractions;

/// <summary>A unit of an establishment, keyed "finess/unitId".</summary>
public interface IUnitGrain : IScopeGrain
{
    /// <summary>
    /// Replaces the bed state. Returns once the new state is durable; when <paramref name="expectedVersion"/>
    /// is given and differs from the current version nothing changes (If-Match).
    /// </summary>
    Task<BedWriteResult> UpdateBeds(BedFigures beds, long? expectedVersion, string by);

    /// <summary>Gives a unit that has never had a state its starting figures; false when it already has one.</summary>
    Task<bool> Initialize(BedFigures beds, string by);
}

public enum BedWriteOutcome { Updated, UnknownUnit, VersionConflict }

[GenerateSerializer, Immutable, Alias("bedcoord.bed-write-result")]
public sealed record BedWriteResult(
    [property: Id(0)] BedWriteOutcome Outcome,
    [property: Id(1)] Summary? Unit,
    [property: Id(2)] BedFigures? Before,
    [property: Id(3)] long CurrentVersion);
