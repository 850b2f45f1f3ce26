using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using BedCoord.Domain.Outlook;
using Xunit;

namespace BedCoord.Domain.Tests.Outlook;

public class OutlookCalibrationTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly HourlyProfile Uniform = HourlyProfile.Of(Enumerable.Repeat(1.0, 24).ToArray());

    private static HistoryRow Row(DateTimeOffset bucket, int available, int expectedDischarges) =>
        new("department:31", bucket, new ScopeValues(new BedFigures(2000, 0, 0, 2000 - available, 0, expectedDischarges), 0, null, null, 1, 0, 0, 0, null),
            available, available, 0, 0, null);

    private static OutlookCalibration Learn(IReadOnlyList<HistoryRow> rows, int? bjml = null) =>
        OutlookCalibration.Learn(rows, At, bjml, Uniform, Uniform, OutlookCalculator.Horizons);

    [Fact]
    public void Discharges_announced_that_never_free_a_bed_get_a_factor_of_zero_and_the_outlook_stays_flat()
    {
        // One state ten days ago, never changed since: 24 discharges announced every day, 10 beds free all along.
        var calibration = Learn([Row(At.AddDays(-10), 10, 24)]);

        Assert.True(calibration.Calibrated);
        Assert.Equal(9 * 24, calibration.Instants); // the hours whose next 24 h had passed by now
        Assert.Equal([0, 0, 0], calibration.Factors.Values);
        Assert.All(calibration.Spread.Values, s => Assert.Equal(0, s));
        var r = OutlookCalculator.Compute(new OutlookInputs(At, 10, 2000, 24, null, "n.c.", Uniform, Uniform, calibration));
        Assert.All(r.Points, p => Assert.Equal((10, 10, 10), (p.Available, p.Low, p.High)));
        Assert.Contains("k × (24 sortie(s)", r.Method);
        Assert.Contains("0 à 6 h, 0 à 12 h, 0 à 24 h", r.Method);
    }

    [Fact]
    public void Half_of_the_announced_flow_showing_gives_a_factor_of_one_half()
    {
        // 48 discharges announced a day (2 an hour on a flat profile) and one more bed free every hour.
        var rows = Enumerable.Range(0, 14 * 24).Select(j => Row(At.AddDays(-14).AddHours(j), 100 + j, 48)).ToList();
        var calibration = Learn(rows);

        Assert.All(calibration.Factors.Values, k => Assert.Equal(0.5, k, 9));
        Assert.All(calibration.Spread.Values, s => Assert.Equal(0, s, 9));
        var r = OutlookCalculator.Compute(new OutlookInputs(At, 10, 2000, 48, null, "n.c.", Uniform, Uniform, calibration));
        Assert.Equal([10, 16, 22, 34], r.Points.Select(p => p.Available));
        Assert.Contains("0,5 à 24 h", r.Method);
    }

    [Fact]
    public void The_band_is_the_past_error_at_each_horizon()
    {
        // Nothing announced, nothing expected (factor 1), but the beds flip 10, 14, 10, 14... every 6 h:
        // 6 h later they are always 4 away; 12 and 24 h later, back where they were.
        var rows = Enumerable.Range(0, 14 * 4).Select(j => Row(At.AddDays(-14).AddHours(6 * j - 1), j % 2 == 0 ? 10 : 14, 0)).ToList();
        var calibration = Learn(rows, bjml: 0);

        Assert.Equal(1, calibration.FactorAt(6));
        Assert.Equal(4, calibration.Spread[6], 9);
        Assert.Equal(0, calibration.Spread[12], 9);
        var r = OutlookCalculator.Compute(new OutlookInputs(At, 10, 2000, 0, 0, null, Uniform, Uniform, calibration));
        var six = r.Points.Single(p => p.HorizonHours == 6);
        Assert.Equal((10, 4.9, 15.1), (six.Available, six.Low, six.High)); // ± 1.28 × 4
    }

    [Fact]
    public void Each_horizon_has_its_own_factor()
    {
        // All 8 announced discharges at 14:00 Paris (13:00 UTC in December), and they do free 8 beds then; but
        // 8 patients the BJML does not know of arrive at 02:00 Paris each night, so a day later nothing has changed.
        var day0 = At.Date.AddDays(-14);
        var rows = Enumerable.Range(0, 15).SelectMany(d => new[]
        {
            Row(new DateTimeOffset(day0.AddDays(d).AddHours(1), TimeSpan.Zero), 10, 8),
            Row(new DateTimeOffset(day0.AddDays(d).AddHours(13), TimeSpan.Zero), 18, 8),
        }).ToList();
        var calibration = OutlookCalibration.Learn(rows, At, null, Uniform, HourlyProfile.Of(Enumerable.Range(0, 24).Select(h => h == 14 ? 1.0 : 0).ToArray()),
            OutlookCalculator.Horizons);

        // 6 h: whenever 8 discharges were due, 8 beds were freed: k = 1; the error is the night's -8 in the windows
        // that hold 02:00 Paris (starts 20:00-01:00 UTC). Instants: from the first known state (Nov 23 02:00 UTC)
        // to 24 h before now (Dec 6 10:00 UTC): 13 × 24 + 9 = 321, of which 13 × 6 = 78 night windows.
        // 24 h: 8 due every time, nothing changed: k = 0, no error.
        Assert.Equal(321, calibration.Instants);
        Assert.Equal(1, calibration.FactorAt(6), 9);
        Assert.Equal(Math.Sqrt(78.0 / 321 * 64), calibration.Spread[6], 9);
        Assert.Equal(0, calibration.FactorAt(24), 9);
        Assert.Equal(0, calibration.Spread[24], 9);
    }

    [Fact]
    public void Less_than_a_week_of_history_is_not_calibrated_and_the_method_says_so()
    {
        var calibration = Learn([Row(At.AddDays(-5), 10, 24)]);
        Assert.False(calibration.Calibrated);
        var r = OutlookCalculator.Compute(new OutlookInputs(At, 10, 2000, 24, null, "n.c.", Uniform, Uniform, calibration));
        Assert.Equal(34, r.Points[^1].Available);
        Assert.Contains("historique trop court pour mesurer l'écart", r.Method);
    }
}
