using BedCoord.Domain.Report;

namespace BedCoord.Domain.Maturity;

/// <summary>
/// One ISO week of an establishment's tension, set beside its maturity (issue 13 items 3 and 4): days at each
/// computed level (elapsed hours ÷ 24), days with post-emergency available beds below the BJML at some point,
/// nuits brancard (patients waiting for a bed at the 08:00 census, summed), the highest bed-blocker count and the
/// mean share of its units up to date. Null figures: not known that week.
/// </summary>
public sealed record TensionWeek(
    string Week,
    DateTimeOffset Start,
    bool HasHistory,
    IReadOnlyList<double> DaysAtLevel,
    double KnownDays,
    int? Bjml,
    int? BjmlShortfallDays,
    int? NightsOnTrolley,
    int? BedBlockersPeak,
    double? Freshness)
{
    public static TensionWeek Of(WeekFigures f, DateTimeOffset start, double? freshness) => new(
        f.Week, start, f.HasHistory,
        f.Levels.OrderBy(l => l.Level).Select(l => Math.Round(l.Hours / 24, 2)).ToList(),
        Math.Round(f.KnownHours / 24, 2),
        f.Bjml.Value, f.HasHistory ? f.Bjml.DaysBelow : null,
        f.NightsOnTrolleyTotal, f.BedBlockersPeak?.Value,
        freshness is { } x ? Math.Round(x, 3) : null);
}
