namespace BedCoord.Domain.BedBlockers;

/// <summary>
/// One patient medically ready to leave who waits for a place downstream (issue 10 item 4). Anonymous by
/// construction: there is no field a person could be identified by, and the input refuses any such field.
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.bed-blocker-line")]
public sealed record BedBlockerLine(
    [property: Id(0)] long Id,
    [property: Id(1)] string? UnitId,
    [property: Id(2)] string Destination,
    [property: Id(3)] DateOnly Since,
    [property: Id(4)] bool ViaTrajectoire,
    [property: Id(5)] DateTimeOffset AddedAt);
