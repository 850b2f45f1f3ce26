namespace BedCoord.Domain.Tension;

/// <summary>A level declared by a person on a scope (plan blanc...), until it expires or is lifted.</summary>
[GenerateSerializer, Immutable, Alias("bedcoord.declaration")]
public sealed record Declaration(
    [property: Id(0)] int Level,
    [property: Id(1)] string Reason,
    [property: Id(2)] string By,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] DateTimeOffset? ExpiresAt)
{
    public bool IsActiveAt(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;
}
