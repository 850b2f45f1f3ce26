using BedCoord.Domain.Bjml;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Report;

/// <summary>What the report is computed from: the week, and per establishment its timelines, BJML and declarations.</summary>
public sealed record WeeklyReportInput(
    string Department,
    string DepartmentName,
    IsoWeek Week,
    DateTimeOffset Now,
    IReadOnlyList<EstablishmentInput> Establishments,
    IReadOnlyList<DeclarationSpan> DepartmentDeclarations);

/// <summary>
/// One establishment's inputs: <see cref="Recent"/> covers the 12 weeks ending with the report's week (and the state
/// in force at their start), <see cref="LastYear"/> the same ISO week a year earlier; <see cref="Bjml"/> per week.
/// </summary>
public sealed record EstablishmentInput(
    string Finess,
    string Name,
    bool EmergencyDepartment,
    IReadOnlyList<string> UnitGroups,
    Timeline Recent,
    Timeline LastYear,
    IReadOnlyDictionary<IsoWeek, BjmlResult> Bjml,
    IReadOnlyList<DeclarationSpan> Declarations);

public static class WeeklyReportBuilder
{
    public const int TrendWeeks = 12;

    private static readonly (string Group, string Label)[] Sections =
    [
        (BedGroups.Mco, "MCO — médecine, chirurgie, obstétrique"),
        (BedGroups.Smr, "SMR — soins médicaux et de réadaptation"),
        (BedGroups.Psy, "PSY — psychiatrie"),
        (BedGroups.Had, "HAD — hospitalisation à domicile"),
        ("AUTRES", "Autres (USLD, EHPAD)"),
    ];

    /// <summary>The weeks of the trend, oldest first, ending with <paramref name="week"/>.</summary>
    public static IReadOnlyList<IsoWeek> TrendOf(IsoWeek week) =>
        Enumerable.Range(0, TrendWeeks).Select(i => ReportWeek.Shift(week, i - TrendWeeks + 1)).ToList();

    public static WeeklyReport Build(WeeklyReportInput input)
    {
        var weeks = TrendOf(input.Week);
        var previous = weeks[^2];
        var lastYear = ReportWeek.SameWeekLastYear(input.Week);
        var from = ReportWeek.Start(input.Week);
        var to = ReportWeek.End(input.Week);

        var reports = new List<(string Group, EstablishmentReport Report)>();
        var perWeek = weeks.ToDictionary(w => w, _ => new List<WeekFigures>());
        var lastYearFigures = new List<WeekFigures>();
        foreach (var e in input.Establishments)
        {
            var trend = weeks.Select(w => WeekFiguresCalculator.Compute(w, e.Recent, e.Bjml.GetValueOrDefault(w), e.EmergencyDepartment, input.Now)).ToList();
            for (var i = 0; i < weeks.Count; i++) perWeek[weeks[i]].Add(trend[i]);
            var thisWeek = trend[^1];
            var ly = lastYear is { } w1 ? WeekFiguresCalculator.Compute(w1, e.LastYear, e.Bjml.GetValueOrDefault(w1), e.EmergencyDepartment, input.Now) : null;
            if (ly is not null) lastYearFigures.Add(ly);
            reports.Add((MainGroup(thisWeek, e.UnitGroups), new EstablishmentReport(e.Finess, e.Name, e.EmergencyDepartment, thisWeek,
                e.Declarations.Where(d => d.Overlaps(from, to)).OrderBy(d => d.Start).ToList(),
                trend.Select(f => new TrendPoint(f.Week, f.AvailablePostEdMean08, f.Bjml.Value, f.NightsOnTrolleyTotal)).ToList(),
                WeekComparison.Of(trend[^2]),
                ly is null ? WeekComparison.None(null) : WeekComparison.Of(ly))));
        }

        var sections = Sections
            .Select(s => new ReportSection(s.Group, s.Label, reports.Where(r => r.Group == s.Group).Select(r => r.Report)
                .OrderBy(r => r.Name, StringComparer.Ordinal).ToList()))
            .Where(s => s.Establishments.Count > 0)
            .ToList();

        var days = input.Week.Days();
        var nights = days.Select((d, i) => new DayCount(d, SumOrNull(perWeek[input.Week].Select(f => f.NightsOnTrolley[i].Value)))).ToList();
        var deptTrend = weeks.Select(w => new TrendPoint(w.ToString(),
            SumOrNull(perWeek[w].Select(f => f.AvailablePostEdMean08)),
            SumOrNull(perWeek[w].Select(f => (double?)f.Bjml.Value)) is { } b ? (int)b : null,
            SumOrNull(perWeek[w].Select(f => f.NightsOnTrolleyTotal)))).ToList();

        return new WeeklyReport(input.Department, input.DepartmentName, input.Week.ToString(), from, to, input.Now,
            weeks.Select(w => w.ToString()).ToList(), sections,
            input.DepartmentDeclarations.Where(d => d.Overlaps(from, to)).OrderBy(d => d.Start).ToList(),
            new DepartmentTotals(nights, deptTrend, Total(previous.ToString(), perWeek[previous]),
                lastYear is { } l ? Total(l.ToString(), lastYearFigures) : WeekComparison.None(null),
                BedBlockerWeek.Sum(perWeek[input.Week].Select(f => f.BedBlockers).OfType<BedBlockerWeek>().ToList())));
    }

    /// <summary>The group with the most installed beds in the week (else the most units), so each establishment is listed once.</summary>
    private static string MainGroup(WeekFigures week, IReadOnlyList<string> unitGroups)
    {
        var group = week.Groups.Count > 0
            ? week.Groups.OrderByDescending(g => g.Installed).ThenBy(g => g.Group, StringComparer.Ordinal).First().Group
            : unitGroups.GroupBy(g => g).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;
        return group is BedGroups.Mco or BedGroups.Smr or BedGroups.Psy or BedGroups.Had ? group : "AUTRES";
    }

    private static WeekComparison Total(string week, IReadOnlyList<WeekFigures> figures)
    {
        var known = figures.Where(f => f.HasHistory).Select(WeekComparison.Of).ToList();
        if (known.Count == 0) return WeekComparison.None(week);
        return new WeekComparison(week, true,
            SumOrNull(known.Select(k => k.Available08Mean)),
            SumOrNull(known.Select(k => k.NightsOnTrolley)),
            SumOrNull(known.Select(k => k.HoursBelowBjml)),
            SumOrNull(known.Select(k => k.HoursInTension)),
            SumOrNull(known.Select(k => k.EdWaitingPeak)));
    }

    private static int? SumOrNull(IEnumerable<int?> values)
    {
        var known = values.Where(v => v is not null).ToList();
        return known.Count == 0 ? null : known.Sum(v => v!.Value);
    }

    private static double? SumOrNull(IEnumerable<double?> values)
    {
        var known = values.Where(v => v is not null).ToList();
        return known.Count == 0 ? null : Math.Round(known.Sum(v => v!.Value), 1);
    }
}
