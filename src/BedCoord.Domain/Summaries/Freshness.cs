namespace BedCoord.Domain.Summaries;

/// <summary>
/// How much of a scope's figures are recent (domain.md §5). Open beds are carried so that the
/// coverage of an aggregate is computed from sums.
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.freshness")]
public sealed record Freshness(
    [property: Id(0)] int Units,
    [property: Id(1)] int StaleUnits,
    [property: Id(2)] int FreshOpenBeds,
    [property: Id(3)] int OpenBeds)
{
    public static readonly Freshness None = new(0, 0, 0, 0);

    public double? Coverage => OpenBeds == 0 ? null : (double)FreshOpenBeds / OpenBeds;
    public double? StaleShare => Units == 0 ? null : (double)StaleUnits / Units;

    public static Freshness operator +(Freshness a, Freshness b) =>
        new(a.Units + b.Units, a.StaleUnits + b.StaleUnits, a.FreshOpenBeds + b.FreshOpenBeds, a.OpenBeds + b.OpenBeds);
}
