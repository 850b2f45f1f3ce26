using System.Text.Json.Serialization;

namespace BedCoord.Domain.Mobilisable;

/// <summary>
/// A scope's mobilisable beds (api-v1 § Crisis cell): all of them, and the part stated to be ready within 24 h
/// and within 72 h (cumulative: within72h includes within24h; what is left has no stated delay). Keeping the
/// delays as counts lets them sum upward like the rest, so a region can say "+38 sous 24 h".
/// The JSON shape is the constructor's, so audit rows and stored state read back as written.
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.mobilisable-figures")]
public sealed record MobilisableFigures(
    int Reopenable, int SurgeWithoutStaff, int SurgeWithStaff,
    MobilisableCounts? Within24h = null, MobilisableCounts? Within72h = null)
{
    public static readonly MobilisableFigures Zero = new(0, 0, 0);

    [Id(0)] public int Reopenable { get; init; } = Reopenable;
    [Id(1)] public int SurgeWithoutStaff { get; init; } = SurgeWithoutStaff;
    [Id(2)] public int SurgeWithStaff { get; init; } = SurgeWithStaff;
    [Id(3)] public MobilisableCounts Within24h { get; init; } = Within24h ?? MobilisableCounts.Zero;
    [Id(4)] public MobilisableCounts Within72h { get; init; } = Within72h ?? MobilisableCounts.Zero;

    public int Total => Reopenable + SurgeWithoutStaff + SurgeWithStaff;

    [JsonIgnore] public MobilisableCounts All => new(Reopenable, SurgeWithoutStaff, SurgeWithStaff);

    [JsonIgnore] public bool IsZero => Total == 0;

    /// <summary>A unit's figures from its counts and, for each, the delay stated (24, 72 or none).</summary>
    public static MobilisableFigures Of(int reopenable, int? reopenableWithin, int withoutStaff, int? withoutStaffWithin,
        int withStaff, int? withStaffWithin)
    {
        int Within(int count, int? delay, int hours) => delay is { } d && d <= hours ? count : 0;
        return new MobilisableFigures(reopenable, withoutStaff, withStaff,
            new MobilisableCounts(Within(reopenable, reopenableWithin, 24), Within(withoutStaff, withoutStaffWithin, 24), Within(withStaff, withStaffWithin, 24)),
            new MobilisableCounts(Within(reopenable, reopenableWithin, 72), Within(withoutStaff, withoutStaffWithin, 72), Within(withStaff, withStaffWithin, 72)));
    }

    /// <summary>The delay a unit stated for one kind (24, 72 or null), read back from its counts.</summary>
    public static int? DelayOf(int count, int within24h, int within72h) =>
        count == 0 ? null : within24h == count ? 24 : within72h == count ? 72 : null;

    public static MobilisableFigures operator +(MobilisableFigures a, MobilisableFigures b) =>
        new(a.Reopenable + b.Reopenable, a.SurgeWithoutStaff + b.SurgeWithoutStaff, a.SurgeWithStaff + b.SurgeWithStaff,
            a.Within24h + b.Within24h, a.Within72h + b.Within72h);
}
