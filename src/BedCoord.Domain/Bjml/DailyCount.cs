namespace BedCoord.Domain.Bjml;

/// <summary>Post-emergency hospitalisations of one day (RPU exit mode mutation or transfert).</summary>
[GenerateSerializer, Immutable, Alias("bedcoord.daily-count")]
public readonly record struct DailyCount([property: Id(0)] DateOnly Date, [property: Id(1)] int Count);
