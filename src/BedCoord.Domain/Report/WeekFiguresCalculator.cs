using BedCoord.Domain.Bjml;
using BedCoord.Domain.History;
using BedCoord.Domain.Tension;

namespace BedCoord.Domain.Report;

/// <summary>Computes <see cref="WeekFigures"/> from an establishment's timeline: census values, durations and peaks.</summary>
public static class WeekFiguresCalculator
{
    /// <summary>
    /// The figures of <paramref name="week"/>, counting only what happened before <paramref name="now"/> (the
    /// current week's future is unknown, not zero). A census value is the state in force at that instant.
    /// </summary>
    public static WeekFigures Compute(IsoWeek week, Timeline timeline, BjmlResult? bjml, bool emergencyDepartment, DateTimeOffset now)
    {
        var from = ReportWeek.Start(week);
        var to = Min(ReportWeek.End(week), now);
        var days = week.Days();
        var census08 = Census(days, ReportWeek.MorningCensus, timeline, now);
        var census15 = Census(days, ReportWeek.AfternoonCensus, timeline, now);
        var segments = timeline.Segments(from, to).ToList();
        var last = segments.Count > 0 ? segments[^1].Value : null;

        var groups = (last?.Groups.Keys ?? []).Order(StringComparer.Ordinal).Select(g => new GroupFigures(g, last!.Groups[g].Installed,
            CensusStats.Of(census08.Where(c => c.Value is not null).Select(c => Math.Max(0, c.Value!.Groups.GetValueOrDefault(g)?.Available ?? 0)).ToList()),
            CensusStats.Of(census15.Where(c => c.Value is not null).Select(c => Math.Max(0, c.Value!.Groups.GetValueOrDefault(g)?.Available ?? 0)).ToList())))
            .ToList();

        var nights = census08.Select(c => new DayCount(c.Day, emergencyDepartment ? c.Value?.EdWaitingForBed : null)).ToList();
        var knownNights = nights.Where(n => n.Value is not null).ToList();
        var postEd08 = census08.Where(c => c.Value is not null).Select(c => c.Value!.AvailablePostEd).ToList();

        return new WeekFigures(
            week.ToString(),
            HasHistory: segments.Count > 0,
            groups,
            CensusStats.Of(census08.Where(c => c.Value is not null).Select(c => TotalAvailable(c.Value!)).ToList()),
            CensusStats.Of(census15.Where(c => c.Value is not null).Select(c => TotalAvailable(c.Value!)).ToList()),
            BelowBjml(week, timeline, bjml, to),
            Levels(segments),
            Math.Round(segments.Sum(s => (s.To - s.From).TotalHours), 2),
            nights,
            knownNights.Count > 0 ? knownNights.Sum(n => n.Value!.Value) : null,
            emergencyDepartment ? PeakOf(segments, s => s.EdWaitingForBed) : null,
            emergencyDepartment ? PeakOf(segments, s => s.BedBlockers) : null,
            postEd08.Count > 0 ? Math.Round(postEd08.Average(), 1) : null,
            last is null ? null : BedBlockerWeek.Of(last, to));
    }

    private static int TotalAvailable(ReportSample s) => s.Groups.Values.Sum(f => Math.Max(0, f.Available));

    private static List<(DateOnly Day, ReportSample? Value)> Census(IReadOnlyList<DateOnly> days, TimeOnly hour, Timeline timeline, DateTimeOffset now) =>
        days.Select(d => Steps.ParisTime(d, hour)).Zip(days, (at, d) => (d, at <= now ? timeline.At(at) : null)).ToList();

    private static BjmlWeek BelowBjml(IsoWeek week, Timeline timeline, BjmlResult? bjml, DateTimeOffset to)
    {
        if (bjml is null) return new BjmlWeek(null, false, "BJML inconnu pour cette semaine", null, null);
        if (!bjml.Computable || bjml.Value is not { } value) return new BjmlWeek(null, false, bjml.Reason ?? "BJML non calculable", null, null);
        int days = 0;
        var hours = 0.0;
        foreach (var day in week.Days())
        {
            var dayStart = Steps.ParisMidnight(day);
            var dayEnd = Min(Steps.ParisMidnight(day.AddDays(1)), to);
            var below = timeline.Segments(dayStart, dayEnd).Where(s => s.Value.AvailablePostEd < value).Sum(s => (s.To - s.From).TotalHours);
            if (below > 0) days++;
            hours += below;
        }
        return new BjmlWeek(value, true, null, days, Math.Round(hours, 1));
    }

    private static IReadOnlyList<LevelTime> Levels(IReadOnlyList<(DateTimeOffset From, DateTimeOffset To, ReportSample Value)> segments) =>
        Enumerable.Range(TensionLevel.Normal, TensionLevel.Crise + 1)
            .Select(l => new LevelTime(l, TensionLevel.Name(l), TensionLevel.Label(l),
                Math.Round(segments.Where(s => s.Value.ComputedLevel == l).Sum(s => (s.To - s.From).TotalHours), 1)))
            .ToList();

    private static Peak? PeakOf(IReadOnlyList<(DateTimeOffset From, DateTimeOffset To, ReportSample Value)> segments, Func<ReportSample, int> figure)
    {
        Peak? peak = null;
        foreach (var s in segments)
            if (peak is null || figure(s.Value) > peak.Value) peak = new Peak(figure(s.Value), s.From);
        return peak;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
