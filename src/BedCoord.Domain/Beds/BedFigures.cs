using BedCoord.Domain.Mobilisable;

namespace BedCoord.Domain.Beds;

/// <summary>
/// Bed counts of a unit or of any aggregate (domain.md §3). Only the six inputs are stored;
/// open, available and occupancy are derived, so an aggregate's rate comes from its sums, never an average.
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.bed-figures")]
public sealed record BedFigures(
    [property: Id(0)] int Installed,
    [property: Id(1)] int Closed,
    [property: Id(2)] int Surge,
    [property: Id(3)] int Occupied,
    [property: Id(4)] int Reserved,
    [property: Id(5)] int ExpectedDischarges,
    MobilisableFigures? Mobilisable = null)
{
    /// <summary>Beds that could be added (crisis cell); zero when none was stated, as in states written before it existed.</summary>
    [Id(6)] public MobilisableFigures Mobilisable { get; init; } = Mobilisable ?? MobilisableFigures.Zero;

    public static readonly BedFigures Zero = new(0, 0, 0, 0, 0, 0);

    public int Open => Installed - Closed + Surge;
    public int Available => Open - Occupied - Reserved;
    public double? OccupancyRate => Open == 0 ? null : (double)Occupied / Open;

    public static BedFigures operator +(BedFigures a, BedFigures b) => new(
        a.Installed + b.Installed, a.Closed + b.Closed, a.Surge + b.Surge,
        a.Occupied + b.Occupied, a.Reserved + b.Reserved, a.ExpectedDischarges + b.ExpectedDischarges,
        a.Mobilisable + b.Mobilisable);
}
