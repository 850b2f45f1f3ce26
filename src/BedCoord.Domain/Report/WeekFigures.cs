using BedCoord.Domain.BedBlockers;

namespace BedCoord.Domain.Report;

/// <summary>One establishment's figures for one ISO week (issue 9 item 4). Null figures: no known state at that time.</summary>
public sealed record WeekFigures(
    string Week,
    bool HasHistory,
    IReadOnlyList<GroupFigures> Groups,
    CensusStats? Available08,
    CensusStats? Available15,
    BjmlWeek Bjml,
    IReadOnlyList<LevelTime> Levels,
    double KnownHours,
    IReadOnlyList<DayCount> NightsOnTrolley,
    int? NightsOnTrolleyTotal,
    Peak? EdWaitingPeak,
    Peak? BedBlockersPeak,
    double? AvailablePostEdMean08,
    BedBlockerWeek? BedBlockers = null);

/// <summary>A bed group's installed beds (at the week's last known state) and its available beds at each census.</summary>
public sealed record GroupFigures(string Group, int Installed, CensusStats? Available08, CensusStats? Available15);

/// <summary>Min / mean / max of a figure over the week's censuses where it was known (Samples of 7).</summary>
public sealed record CensusStats(int Min, double Mean, int Max, int Samples)
{
    public static CensusStats? Of(IReadOnlyCollection<int> values) =>
        values.Count == 0 ? null : new CensusStats(values.Min(), Math.Round(values.Average(), 1), values.Max(), values.Count);
}

/// <summary>
/// The week's BJML and how long post-emergency available beds were below it: DaysBelow counts the Paris days
/// with any time below, HoursBelow the elapsed time below (a 25-hour day counts 25 hours). Reason when not computable.
/// </summary>
public sealed record BjmlWeek(int? Value, bool Computable, string? Reason, int? DaysBelow, double? HoursBelow);

/// <summary>Elapsed hours at one computed level over the known part of the week.</summary>
public sealed record LevelTime(int Level, string Name, string Label, double Hours);

/// <summary>A figure of one Paris day (nuits brancard: patients waiting for a bed at the 08:00 census).</summary>
public sealed record DayCount(DateOnly Day, int? Value);

/// <summary>The highest value of a figure in the week and when it was first reached.</summary>
public sealed record Peak(int Value, DateTimeOffset At);

/// <summary>
/// Bed blockers at the week's last known instant (its end, or now for the current week): the count, whether it is the
/// register's or the declared figure, and the register's lines by awaited destination and by days waiting (0–2, 3–7,
/// 8–30, &gt;30, counted to that day in Paris). For a département: the sums of its establishments; Source "mixed"
/// when some keep a register and others declare a figure; RegisterLines counts only register lines.
/// </summary>
public sealed record BedBlockerWeek(
    DateTimeOffset At,
    string Source,
    int Count,
    int RegisterLines,
    IReadOnlyDictionary<string, int> ByDestination,
    IReadOnlyDictionary<string, int> ByWait)
{
    public static BedBlockerWeek Of(ReportSample sample, DateTimeOffset at)
    {
        var lines = sample.Register ?? [];
        // Waits count to the last day of the period (a week ends at midnight: that instant is already the next day).
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at.AddTicks(-1), History.Steps.Paris).DateTime);
        return new BedBlockerWeek(at, sample.Register is null ? BedBlockerCounts.Declared : BedBlockerCounts.Register, sample.BedBlockers, lines.Count,
            BedBlockerCounts.ByDestination(lines), BedBlockerCounts.ByWait(lines, today));
    }

    /// <summary>The sum of establishments' weeks; null when none is known.</summary>
    public static BedBlockerWeek? Sum(IReadOnlyList<BedBlockerWeek> weeks) => weeks.Count == 0 ? null : new BedBlockerWeek(
        weeks.Max(w => w.At), BedBlockerCounts.SourceOf(weeks.Select(w => w.Source))!, weeks.Sum(w => w.Count), weeks.Sum(w => w.RegisterLines),
        BedBlockerCounts.Sum(weeks.Select(w => w.ByDestination), BedBlockerDestinations.All.Select(d => d.Code).ToList()),
        BedBlockerCounts.Sum(weeks.Select(w => w.ByWait), BedBlockerCounts.WaitBuckets));
}
