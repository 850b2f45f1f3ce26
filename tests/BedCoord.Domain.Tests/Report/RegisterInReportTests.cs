using BedCoord.Domain.BedBlockers;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Bjml;
using BedCoord.Domain.History;
using BedCoord.Domain.Report;
using BedCoord.Domain.Territory;
using BedCoord.Domain.Tests.Territory;
using Xunit;

namespace BedCoord.Domain.Tests.Report;

/// <summary>The bed-blocker register replayed into the weekly report: by destination and days waiting at the week's end, summed for the département.</summary>
public class RegisterInReportTests
{
    private static readonly IsoWeek W48 = new(2026, 48); // Monday 23 to Sunday 29 November 2026
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static BedBlockerLine Line(long id, string destination, string since) =>
        new(id, null, destination, DateOnly.Parse(since), true, Monday);

    [Fact]
    public void The_register_at_the_weeks_end_is_counted_by_destination_and_wait_and_replaces_the_declared_figure()
    {
        var catalog = new TerritoryCatalog(TestTerritory.Document);
        var chu = TestTerritory.ChuToulouse;
        var replay = new EstablishmentReplay(catalog, [chu]);
        var smr = Line(1, "SMR", "2026-11-01");   // 28 days on Sunday 29: 8-30
        var ehpad = Line(2, "EHPAD", "2026-10-01"); // > 30
        var gone = Line(3, "HAD", "2026-11-20");
        var late = Line(4, "SMR", "2026-11-28");  // 1 day: 0-2
        HistoryEvent[] inputs =
        [
            new UnitBedsEvent("1", Monday, chu, "med-polyvalente", new BedFigures(30, 0, 0, 25, 0, 0), "a"),
            new EmergencyEvent("2", Monday.AddMinutes(1), chu, new EmergencyFigures(4, 9)), // declared 9 bed blockers
            new BedBlockerLineEvent("b1", Monday.AddHours(1), chu, smr, false),
            new BedBlockerLineEvent("b2", Monday.AddHours(2), chu, ehpad, false),
            new BedBlockerLineEvent("b3", Monday.AddHours(3), chu, gone, false),
            new BedBlockerLineEvent("b3-left", Monday.AddDays(2), chu, gone, true),
            new BedBlockerLineEvent("b4", Monday.AddDays(5), chu, late, false),
        ];
        var samples = new List<ReportSample>();
        foreach (var e in inputs)
            if (replay.Apply(e) is { } f && replay.SampleOf(f, e.At) is { } s) samples.Add(s);

        Assert.Equal(9, samples[1].BedBlockers);           // before any line: the declared figure
        Assert.Null(samples[1].Register);
        Assert.Equal(3, samples[4].BedBlockers);           // three lines: the register's count
        Assert.Equal(2, samples[5].BedBlockers);           // one left
        Assert.Equal(3, samples[4].Register!.Count);        // an earlier sample keeps the register as it was

        var week = WeekFiguresCalculator.Compute(W48, new Timeline(samples), WeekFiguresTests.BjmlOf(W48, null), true,
            new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));
        var b = week.BedBlockers!;
        Assert.Equal((BedBlockerCounts.Register, 3, 3), (b.Source, b.Count, b.RegisterLines));
        Assert.Equal((2, 1, 0), (b.ByDestination["SMR"], b.ByDestination["EHPAD"], b.ByDestination["HAD"]));
        Assert.Equal((1, 0, 1, 1), (b.ByWait["0-2"], b.ByWait["3-7"], b.ByWait["8-30"], b.ByWait[">30"]));
        Assert.Equal(9, week.BedBlockersPeak!.Value); // the declared 9 held before the first line
    }

    [Fact]
    public void The_department_sums_registers_and_declared_figures_and_says_it_is_mixed()
    {
        var at = new DateTimeOffset(2026, 11, 29, 23, 0, 0, TimeSpan.Zero).AddHours(-1); // the week ends at midnight in Paris (UTC+1)
        var groups = new Dictionary<string, BedFigures> { ["MCO"] = new(10, 0, 0, 8, 0, 0) };
        var register = new ReportSample(at, groups, 2, 0, 2, 0, [Line(1, "SMR", "2026-11-27"), Line(2, "USLD", "2026-09-01")]);
        var declared = new ReportSample(at, groups, 2, 0, 5, 0);

        var a = BedBlockerWeek.Of(register, at.AddHours(1));
        var d = BedBlockerWeek.Of(declared, at.AddHours(1));
        var sum = BedBlockerWeek.Sum([a, d])!;

        Assert.Equal((BedBlockerCounts.Declared, 5, 0), (d.Source, d.Count, d.RegisterLines));
        Assert.Equal((BedBlockerCounts.Mixed, 7, 2), (sum.Source, sum.Count, sum.RegisterLines));
        Assert.Equal((1, 1), (sum.ByDestination["SMR"], sum.ByDestination["USLD"]));
        Assert.Equal((1, 1), (sum.ByWait["0-2"], sum.ByWait[">30"])); // waits counted to Sunday 29
        Assert.Null(BedBlockerWeek.Sum([]));
    }
}
