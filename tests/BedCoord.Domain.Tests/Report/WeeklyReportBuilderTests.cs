using BedCoord.Domain.Beds;
using BedCoord.Domain.Bjml;
using BedCoord.Domain.Report;
using BedCoord.Domain.Tension;
using Xunit;
using static BedCoord.Domain.Tests.Report.WeekFiguresTests;

namespace BedCoord.Domain.Tests.Report;

public class WeeklyReportBuilderTests
{
    private static readonly IsoWeek W48 = new(2026, 48);

    private static EstablishmentInput Establishment(string finess, string name, Timeline recent, string group = "MCO", bool ed = true) =>
        new(finess, name, ed, [group], recent, new Timeline([]),
            WeeklyReportBuilder.TrendOf(W48).ToDictionary(w => w, w => BjmlOf(w, 3)), []);

    [Fact]
    public void Establishments_are_grouped_by_their_main_bed_group_and_summed_for_the_department()
    {
        var a = new Timeline([Sample("2026-11-16T07:30:00Z", 3, edWaiting: 2, blockers: 0, level: 0)]);
        var smr = new Timeline([new ReportSample(Utc("2026-11-16T07:30:00Z"),
            new Dictionary<string, BedFigures> { ["SMR"] = new(40, 0, 0, 35, 0, 0), ["MCO"] = new(5, 0, 0, 5, 0, 0) }, 0, 0, 0, 0)]);

        var report = WeeklyReportBuilder.Build(new WeeklyReportInput("31", "Haute-Garonne", W48, Utc("2026-12-07T00:00:00Z"),
            [Establishment("310000001", "CHU A", a), Establishment("310000002", "Clinique B", smr, ed: false)], []));

        Assert.Equal(["MCO", "SMR"], report.Sections.Select(s => s.Group));
        Assert.Equal("CHU A", Assert.Single(report.Sections[0].Establishments).Name);
        Assert.Equal(12, report.TrendWeeks.Count);
        Assert.Equal(["2026-W37", "2026-W48"], new[] { report.TrendWeeks[0], report.TrendWeeks[^1] });
        // Only the establishment with an ED counts nights on a trolley: 2 each day.
        Assert.All(report.Totals.NightsOnTrolley, n => Assert.Equal(2, n.Value));
        Assert.Equal(14, report.Totals.Trend[^1].NightsOnTrolley);
        Assert.Equal(6, report.Totals.Trend[^1].Bjml); // 3 + 3
        // The week before has history (the state held since 16 November); last year has none.
        var chu = report.Sections[0].Establishments[0];
        Assert.True(chu.VsPreviousWeek.HasHistory);
        Assert.Equal("2026-W47", chu.VsPreviousWeek.Week);
        Assert.Equal(12, chu.VsPreviousWeek.NightsOnTrolley); // Tue 17 to Sun 22, 2 each: the Monday census was before the first input
        Assert.False(chu.VsLastYear.HasHistory);
        Assert.False(report.Totals.VsLastYear.HasHistory);
        Assert.Null(chu.Trend[0].AvailablePostEd08);
        Assert.Equal(3, chu.Trend[^1].AvailablePostEd08);
    }

    [Fact]
    public void Only_declarations_overlapping_the_week_are_shown()
    {
        var spans = DeclarationSpan.Pair([
            new DeclarationRecord(Utc("2026-11-01T10:00:00Z"), "department", "31", new Declaration(3, "Plan blanc octobre", "a", Utc("2026-11-01T10:00:00Z"), null), null),
            new DeclarationRecord(Utc("2026-11-03T10:00:00Z"), "department", "31", null, "Fin de crise"),
            new DeclarationRecord(Utc("2026-11-24T08:00:00Z"), "department", "31", new Declaration(3, "Plan blanc grippe", "b", Utc("2026-11-24T08:00:00Z"), null), null),
        ]);

        var report = WeeklyReportBuilder.Build(new WeeklyReportInput("31", "Haute-Garonne", W48, Utc("2026-12-07T00:00:00Z"), [], spans));

        var d = Assert.Single(report.Declarations);
        Assert.Equal(("Plan blanc grippe", (DateTimeOffset?)null), (d.Reason, d.End));
    }
}
