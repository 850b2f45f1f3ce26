using BedCoord.Domain.Outlook;
using Xunit;

namespace BedCoord.Domain.Tests.Outlook;

public class OutlookCalculatorTests
{
    private static readonly HourlyProfile Uniform = HourlyProfile.Of(Enumerable.Repeat(1.0, 24).ToArray());

    private static HourlyProfile Peaks(params int[] parisHours)
    {
        var w = new double[24];
        foreach (var h in parisHours) w[h] = 1;
        return HourlyProfile.Of(w);
    }

    private static OutlookInputs Inputs(DateTimeOffset at, int available, int discharges, int? bjml, HourlyProfile? admissions = null,
        HourlyProfile? dischargeProfile = null, int open = 100, string? note = null) =>
        new(at, available, open, discharges, bjml, note, admissions ?? Uniform, dischargeProfile ?? Uniform);

    private static OutlookPoint At(OutlookResult r, int horizon) => r.Points.Single(p => p.HorizonHours == horizon);

    [Fact]
    public void Discharges_add_and_the_BJML_takes_away_in_proportion_to_the_hours_covered()
    {
        var at = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        var r = OutlookCalculator.Compute(Inputs(at, available: 10, discharges: 24, bjml: 48));

        Assert.Equal([0, 6, 12, 24], r.Points.Select(p => p.HorizonHours));
        Assert.Equal([at, at.AddHours(6), at.AddHours(12), at.AddHours(24)], r.Points.Select(p => p.At));
        Assert.Equal((10, 10, 10, 0), (At(r, 0).Available, At(r, 0).Low, At(r, 0).High, At(r, 0).Shortfall));
        // 6 h of a flat day: +6 discharges, -12 admissions = 4; band ± 1.28 √18 = ± 5.43.
        Assert.Equal((6, 12), (At(r, 6).Discharges, At(r, 6).Admissions));
        Assert.Equal((4, 0, 9.4, 0), (At(r, 6).Available, At(r, 6).Low, At(r, 6).High, At(r, 6).Shortfall));
        // 12 h: 10 + 12 - 24 = -2: shown as 0 beds and a shortfall of 2; band ± 1.28 × 6 = ± 7.68.
        Assert.Equal((0, 0, 5.7, 2), (At(r, 12).Available, At(r, 12).Low, At(r, 12).High, At(r, 12).Shortfall));
        // 24 h: the whole day, 10 + 24 - 48 = -14.
        Assert.Equal((0, 0, 0, 14), (At(r, 24).Available, At(r, 24).Low, At(r, 24).High, At(r, 24).Shortfall));
        Assert.Contains("Estimation", r.Method);
        Assert.Contains("BJML de 48", r.Method);
    }

    [Fact]
    public void A_start_inside_an_hour_counts_the_part_of_that_hour_still_to_come()
    {
        // All discharges at 11:00-12:00 Paris = 10:00-11:00 UTC in winter; at 10:30 UTC half of that hour is left,
        // the other half comes back tomorrow at 10:00-10:30 UTC, within the 24 h.
        var at = new DateTimeOffset(2026, 12, 7, 10, 30, 0, TimeSpan.Zero);
        var r = OutlookCalculator.Compute(Inputs(at, available: 3, discharges: 10, bjml: 0, dischargeProfile: Peaks(11)));
        Assert.Equal([3, 8, 8, 13], r.Points.Select(p => p.Available));
    }

    [Fact]
    public void On_the_25_hour_day_the_repeated_hour_counts_twice()
    {
        // 2026-10-25 00:00 Paris (CEST) = 2026-10-24 22:00 UTC; 02:00-03:00 Paris happens twice that night
        // (00:00-01:00 UTC in CEST, 01:00-02:00 UTC in CET). Weights: hour 2 and hour 14, one each, so the
        // next 24 h weigh 1 + 1 + 1: two thirds of the discharges fall before 06:00.
        var at = new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero);
        var r = OutlookCalculator.Compute(Inputs(at, available: 0, discharges: 30, bjml: 0, dischargeProfile: Peaks(2, 14)));
        Assert.Equal([0, 20, 20, 30], r.Points.Select(p => p.Discharges));
    }

    [Fact]
    public void On_the_23_hour_day_the_missing_hour_brings_nothing()
    {
        // 2026-03-29 00:00 Paris (CET) = 2026-03-28 23:00 UTC: 02:00-03:00 Paris does not exist that night.
        var at = new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero);
        var r = OutlookCalculator.Compute(Inputs(at, available: 0, discharges: 0, bjml: 30, admissions: Peaks(2, 14)));
        // 14:00 CEST = 12:00 UTC: after the 12 h horizon (11:00 UTC), before 24 h.
        Assert.Equal([0, 0, 0, 30], r.Points.Select(p => p.Admissions));
        Assert.Equal([0, 0, 0, 30], r.Points.Select(p => p.Shortfall));
    }

    [Fact]
    public void Without_a_BJML_only_discharges_count_and_the_estimate_says_so()
    {
        var at = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        var r = OutlookCalculator.Compute(Inputs(at, available: 10, discharges: 24, bjml: null, note: "Seulement 3 jour(s) d'admissions connus"));
        // 6 h: 10 + 6 = 16 at most; the low end is "no better than now": 10 - 1.28 √6 = 6.87.
        Assert.Equal((16, 6.9, 19.1, 0), (At(r, 6).Available, At(r, 6).Low, At(r, 6).High, At(r, 6).Admissions));
        Assert.Equal(34, At(r, 24).Available);
        Assert.Contains("BJML non calculable (Seulement 3 jour(s) d'admissions connus)", r.Method);
        Assert.Contains("seules les sorties prévues sont comptées", r.Method);
        var aggregate = OutlookCalculator.Compute(Inputs(at, 10, 24, null, note: "BJML non calculable pour tous les établissements de ce périmètre"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(aggregate.Method, "BJML non calculable"));
    }

    [Fact]
    public void No_more_beds_than_open_ones_can_be_free()
    {
        var at = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        var r = OutlookCalculator.Compute(Inputs(at, available: 5, discharges: 20, bjml: 0, open: 10));
        Assert.Equal(10, At(r, 24).Available);
        Assert.Equal(10, At(r, 24).High);
    }
}
