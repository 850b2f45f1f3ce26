namespace BedCoord.Domain.Mobilisable;

/// <summary>
/// Beds a scope could add to its open beds (the SSE guide's "tableau capacitaire"): closed beds that could
/// reopen, and extra beds that could be set up without or with added staff. Summed like every bed figure.
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.mobilisable-counts")]
public sealed record MobilisableCounts(
    [property: Id(0)] int Reopenable,
    [property: Id(1)] int SurgeWithoutStaff,
    [property: Id(2)] int SurgeWithStaff)
{
    public static readonly MobilisableCounts Zero = new(0, 0, 0);

    public int Total => Reopenable + SurgeWithoutStaff + SurgeWithStaff;

    public static MobilisableCounts operator +(MobilisableCounts a, MobilisableCounts b) =>
        new(a.Reopenable + b.Reopenable, a.SurgeWithoutStaff + b.SurgeWithoutStaff, a.SurgeWithStaff + b.SurgeWithStaff);
}
