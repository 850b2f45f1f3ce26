namespace BedCoord.Domain.Maturity;

/// <summary>
/// A module's impact measured on the establishment's own history: the same number of ISO weeks before its start
/// and after its end, side by side. Sums are over the weeks whose history is known (<see cref="ImpactWindow.KnownWeeks"/>),
/// so a window half without history says so instead of looking calm.
/// </summary>
public sealed record AccompanimentImpact(Accompaniment Accompaniment, int Weeks, ImpactWindow Before, ImpactWindow After);

public sealed record ImpactWindow(
    string FirstWeek,
    string LastWeek,
    int KnownWeeks,
    IReadOnlyList<double> DaysAtLevel,
    int? BjmlShortfallDays,
    int? NightsOnTrolley,
    int? BedBlockersPeak,
    double? Maturity,
    DateTimeOffset? MaturityAt)
{
    /// <param name="weeks">The window's weeks, oldest first.</param>
    /// <param name="submissions">The establishment's versions, oldest first: the maturity in force at the window's end is shown.</param>
    public static ImpactWindow Of(IReadOnlyList<TensionWeek> weeks, IReadOnlyList<MaturitySubmission> submissions, DateTimeOffset end)
    {
        var known = weeks.Where(w => w.HasHistory).ToList();
        var levels = Enumerable.Range(0, 4).Select(l => Math.Round(known.Sum(w => w.DaysAtLevel.ElementAtOrDefault(l)), 1)).ToList();
        int? Sum(Func<TensionWeek, int?> f) => known.Any(w => f(w) is not null) ? known.Sum(w => f(w) ?? 0) : null;
        var maturity = submissions.LastOrDefault(s => s.SubmittedAt < end);
        return new ImpactWindow(weeks.FirstOrDefault()?.Week ?? "", weeks.LastOrDefault()?.Week ?? "", known.Count, levels,
            Sum(w => w.BjmlShortfallDays), Sum(w => w.NightsOnTrolley),
            known.Select(w => w.BedBlockersPeak).Where(p => p is not null).Max(),
            maturity?.Score.Percent, maturity?.SubmittedAt);
    }
}
