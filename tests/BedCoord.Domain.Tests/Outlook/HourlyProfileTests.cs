using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using BedCoord.Domain.Outlook;
using Xunit;

namespace BedCoord.Domain.Tests.Outlook;

public class HourlyProfileTests
{
    private static HistoryRow Row(DateTimeOffset bucket, int occupied) =>
        new("establishment:1", bucket, new ScopeValues(new BedFigures(50, 0, 0, occupied, 0, 0), 0, null, null, 1, 0, 0, 0, null),
            50 - occupied, 50 - occupied, 0, 0, null);

    // Each winter day: +3 occupied in the 14:00 Paris hour (13:00 UTC), -3 in the 10:00 Paris hour (09:00 UTC).
    private static List<HistoryRow> Days(DateOnly first, int days)
    {
        var rows = new List<HistoryRow>();
        for (var d = 0; d < days; d++)
        {
            var day = new DateTimeOffset(first.AddDays(d).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rows.Add(Row(day.AddHours(9), 20));
            rows.Add(Row(day.AddHours(13), 23));
        }
        return rows;
    }

    [Fact]
    public void Admissions_and_discharges_are_learnt_from_the_hours_occupancy_went_up_and_down()
    {
        var rows = Days(new DateOnly(2026, 11, 20), 10);
        var (admissions, discharges) = HourlyProfile.Learn(rows, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(HourlyProfile.Learnt, admissions.Source);
        Assert.Equal((10, 30), (admissions.Days, admissions.Movements));
        // 30 beds up at 14:00, blended with 24 movements of the default shape.
        Assert.Equal((30 + 24 * HourlyProfile.DefaultAdmissions.Shares[14]) / 54, admissions.Shares[14], 9);
        Assert.Equal(24 * HourlyProfile.DefaultAdmissions.Shares[3] / 54, admissions.Shares[3], 9);
        // The first day's 10:00 is the first row: nothing before it to compare with, so 9 days of discharges.
        Assert.Equal((9, 27), (discharges.Days, discharges.Movements));
        Assert.True(discharges.Shares[10] > 0.5);
        Assert.Equal(1, admissions.Shares.Sum(), 9);
        Assert.Equal(1, discharges.Shares.Sum(), 9);
    }

    [Fact]
    public void Rows_not_over_by_the_start_are_not_used_so_a_backtest_does_not_see_the_future()
    {
        var rows = Days(new DateOnly(2026, 11, 20), 10);
        // At 13:30 UTC on the 10th day, that day's 13:00 bucket is still open.
        var (admissions, _) = HourlyProfile.Learn(rows, new DateTimeOffset(2026, 11, 29, 13, 30, 0, TimeSpan.Zero));
        Assert.Equal(27, admissions.Movements);
    }

    [Fact]
    public void Less_than_a_week_of_history_gives_the_default_profile_and_says_how_much_there_was()
    {
        var (admissions, _) = HourlyProfile.Learn(Days(new DateOnly(2026, 11, 20), 5), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(HourlyProfile.Default, admissions.Source);
        Assert.Equal(5, admissions.Days);
        Assert.Equal(HourlyProfile.DefaultAdmissions.Shares, admissions.Shares);
    }

    [Fact]
    public void The_default_profiles_are_shares_of_a_day_with_every_hour_possible()
    {
        foreach (var p in new[] { HourlyProfile.DefaultAdmissions, HourlyProfile.DefaultDischarges })
        {
            Assert.Equal(24, p.Shares.Count);
            Assert.Equal(1, p.Shares.Sum(), 9);
            Assert.All(p.Shares, s => Assert.True(s > 0));
        }
    }
}
