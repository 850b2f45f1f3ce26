namespace BedCoord.Domain.Beds;

/// <summary>The current, accepted bed state of a unit with who set it and when.</summary>
[GenerateSerializer, Immutable, Alias("bedcoord.unit-bed-state")]
public sealed record UnitBedState(
    [property: Id(0)] BedFigures Beds,
    [property: Id(1)] long Version,
    [property: Id(2)] DateTimeOffset UpdatedAt,
    [property: Id(3)] string UpdatedBy)
{
    public bool IsStaleAt(DateTimeOffset now, TimeSpan staleAfter) => now - UpdatedAt > staleAfter;

    /// <summary>The next accepted state: a new version, stamped now.</summary>
    public UnitBedState Next(BedFigures beds, DateTimeOffset now, string by) => new(beds, Version + 1, now, by);
}
