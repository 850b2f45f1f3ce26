using BedCoord.Domain.Beds;
using BedCoord.Domain.Bjml;
using BedCoord.Domain.Report;
using Xunit;

namespace BedCoord.Domain.Tests.Report;

/// <summary>Weeks computed by hand (times in UTC; Paris is UTC+1 in winter, UTC+2 in summer).</summary>
public class WeekFiguresTests
{
    internal static DateTimeOffset Utc(string s) => DateTimeOffset.Parse(s, null, System.Globalization.DateTimeStyles.AssumeUniversal);

    /// <summary>A sample of an MCO-only establishment with 20 installed beds, all post-emergency (MED).</summary>
    internal static ReportSample Sample(string at, int available, int edWaiting, int blockers, int level) =>
        new(Utc(at), new Dictionary<string, BedFigures> { ["MCO"] = new(20, 0, 0, 20 - available, 0, 0) }, available, edWaiting, blockers, level);

    internal static BjmlResult BjmlOf(IsoWeek w, int? value) =>
        new(w.Days()[0], w.Year, w.Week, value, value is null ? 3 : 21, value is not null, value is null ? "Seulement 3 jour(s) d'admissions connus" : null);

    private static readonly IsoWeek W48 = new(2026, 48); // Monday 23 to Sunday 29 November 2026, UTC+1

    private static readonly Timeline Winter = new([
        Sample("2026-11-20T09:00:00Z", available: 3, edWaiting: 2, blockers: 1, level: 0),
        Sample("2026-11-25T10:00:00Z", available: 6, edWaiting: 5, blockers: 1, level: 1), // Wed 11:00
        Sample("2026-11-27T06:30:00Z", available: 1, edWaiting: 9, blockers: 4, level: 2), // Fri 07:30
        Sample("2026-11-28T12:00:00Z", available: 4, edWaiting: 0, blockers: 2, level: 0), // Sat 13:00
    ]);

    [Fact]
    public void Census_values_are_the_state_in_force_at_08_00_and_15_00_Paris()
    {
        var f = WeekFiguresCalculator.Compute(W48, Winter, BjmlOf(W48, 3), emergencyDepartment: true, now: Utc("2026-12-07T00:00:00Z"));

        // 08:00 = 07:00Z: Mon 3, Tue 3, Wed 3, Thu 6, Fri 1, Sat 1, Sun 4.
        Assert.Equal(new CensusStats(1, 3.0, 6, 7), f.Available08);
        // 15:00 = 14:00Z: Mon 3, Tue 3, Wed 6, Thu 6, Fri 1, Sat 4, Sun 4 (27/7).
        Assert.Equal(new CensusStats(1, 3.9, 6, 7), f.Available15);
        var mco = Assert.Single(f.Groups);
        Assert.Equal(("MCO", 20), (mco.Group, mco.Installed));
        Assert.Equal(f.Available08, mco.Available08);
        Assert.Equal(3.0, f.AvailablePostEdMean08);
    }

    [Fact]
    public void Nights_on_a_trolley_are_the_patients_waiting_for_a_bed_at_the_08_00_census()
    {
        var f = WeekFiguresCalculator.Compute(W48, Winter, BjmlOf(W48, 3), emergencyDepartment: true, now: Utc("2026-12-07T00:00:00Z"));

        Assert.Equal([2, 2, 2, 5, 9, 9, 0], f.NightsOnTrolley.Select(n => n.Value!.Value));
        Assert.Equal(new DateOnly(2026, 11, 23), f.NightsOnTrolley[0].Day);
        Assert.Equal(29, f.NightsOnTrolleyTotal);
        Assert.Equal(new Peak(9, Utc("2026-11-27T06:30:00Z")), f.EdWaitingPeak);
        Assert.Equal(new Peak(4, Utc("2026-11-27T06:30:00Z")), f.BedBlockersPeak);
    }

    [Fact]
    public void Time_below_the_BJML_and_at_each_level_is_elapsed_time()
    {
        var f = WeekFiguresCalculator.Compute(W48, Winter, BjmlOf(W48, 3), emergencyDepartment: true, now: Utc("2026-12-07T00:00:00Z"));

        // 1 < 3 from Fri 06:30Z to Sat 12:00Z: 29.5 h on two Paris days; 3 itself is not below.
        Assert.Equal(new BjmlWeek(3, true, null, 2, 29.5), f.Bjml);
        // The week runs 22 Nov 23:00Z to 29 Nov 23:00Z (168 h): normal 59 + 35, tension 44.5, tension forte 29.5.
        Assert.Equal([94.0, 44.5, 29.5, 0.0], f.Levels.Select(l => l.Hours));
        Assert.Equal("tension-forte", f.Levels[2].Name);
        Assert.Equal(168, f.KnownHours);
    }

    [Fact]
    public void The_autumn_DST_week_lasts_169_hours_and_its_Sunday_census_is_at_07_00_UTC()
    {
        var w43 = new IsoWeek(2026, 43); // Monday 19 to Sunday 25 October 2026; clocks go back on Sunday 03:00
        var timeline = new Timeline([
            Sample("2026-10-10T12:00:00Z", available: 2, edWaiting: 4, blockers: 1, level: 1),
            Sample("2026-10-25T06:30:00Z", available: 5, edWaiting: 0, blockers: 1, level: 0), // Sun 07:30 CET
        ]);

        var f = WeekFiguresCalculator.Compute(w43, timeline, BjmlOf(w43, 3), emergencyDepartment: true, now: Utc("2026-12-07T00:00:00Z"));

        Assert.Equal(Utc("2026-10-18T22:00:00Z"), ReportWeek.Start(w43));
        Assert.Equal(Utc("2026-10-25T23:00:00Z"), ReportWeek.End(w43));
        Assert.Equal(169, f.KnownHours);
        // Mon-Sat 08:00 CEST = 06:00Z sees 2 and 4 waiting; Sun 08:00 CET = 07:00Z already sees the 06:30Z change.
        Assert.Equal([4, 4, 4, 4, 4, 4, 0], f.NightsOnTrolley.Select(n => n.Value!.Value));
        Assert.Equal(new CensusStats(2, 2.4, 5, 7), f.Available08);
        // Below 3 from the start to Sun 06:30Z: 6 days × 24 h + 8.5 h (Sunday starts 24 Oct 22:00Z), on all 7 days.
        Assert.Equal(new BjmlWeek(3, true, null, 7, 152.5), f.Bjml);
        Assert.Equal([16.5, 152.5, 0.0, 0.0], f.Levels.Select(l => l.Hours));
    }

    [Fact]
    public void The_spring_DST_week_lasts_167_hours()
    {
        var w13 = new IsoWeek(2026, 13); // Monday 23 to Sunday 29 March 2026
        var timeline = new Timeline([Sample("2026-03-01T12:00:00Z", available: 1, edWaiting: 0, blockers: 0, level: 3)]);

        var f = WeekFiguresCalculator.Compute(w13, timeline, BjmlOf(w13, 2), emergencyDepartment: true, now: Utc("2026-12-07T00:00:00Z"));

        Assert.Equal(167, f.KnownHours);
        Assert.Equal(new BjmlWeek(2, true, null, 7, 167), f.Bjml);
        Assert.Equal(167, f.Levels[3].Hours);
    }

    [Fact]
    public void The_current_week_counts_only_what_has_happened()
    {
        var f = WeekFiguresCalculator.Compute(W48, Winter, BjmlOf(W48, 3), emergencyDepartment: true, now: Utc("2026-11-25T12:00:00Z"));

        Assert.Equal(3, f.Available08!.Samples); // Mon, Tue, Wed 07:00Z
        Assert.Equal(2, f.Available15!.Samples); // Mon, Tue 14:00Z
        Assert.Null(f.NightsOnTrolley[3].Value);
        Assert.Equal(61, f.KnownHours); // 22 Nov 23:00Z to 25 Nov 12:00Z
        Assert.Equal(new BjmlWeek(3, true, null, 0, 0), f.Bjml);
    }

    [Fact]
    public void A_BJML_that_cannot_be_computed_says_why_and_counts_nothing()
    {
        var f = WeekFiguresCalculator.Compute(W48, Winter, BjmlOf(W48, null), emergencyDepartment: true, now: Utc("2026-12-07T00:00:00Z"));

        Assert.False(f.Bjml.Computable);
        Assert.Null(f.Bjml.HoursBelow);
        Assert.StartsWith("Seulement 3 jour(s)", f.Bjml.Reason);
    }

    [Fact]
    public void A_week_before_any_input_has_no_history_and_no_figures()
    {
        var f = WeekFiguresCalculator.Compute(new IsoWeek(2026, 40), Winter, null, emergencyDepartment: true, now: Utc("2026-12-07T00:00:00Z"));

        Assert.False(f.HasHistory);
        Assert.Null(f.Available08);
        Assert.Null(f.NightsOnTrolleyTotal);
        Assert.Equal(0, f.KnownHours);
    }

    [Fact]
    public void An_establishment_without_an_emergency_department_has_no_nights_on_a_trolley()
    {
        var f = WeekFiguresCalculator.Compute(W48, Winter, BjmlOf(W48, 3), emergencyDepartment: false, now: Utc("2026-12-07T00:00:00Z"));

        Assert.All(f.NightsOnTrolley, n => Assert.Null(n.Value));
        Assert.Null(f.EdWaitingPeak);
    }
}
