using BedCoord.Domain.Bjml;
using Xunit;

namespace BedCoord.Domain.Tests.Bjml;

public class IsoWeekTests
{
    [Theory]
    [InlineData("2027-01-01", 2026, 53)]
    [InlineData("2026-12-28", 2026, 53)]
    [InlineData("2027-01-04", 2027, 1)]
    [InlineData("2024-12-30", 2025, 1)]
    [InlineData("2026-03-01", 2026, 9)]
    public void Of_follows_iso_8601(string date, int year, int week) =>
        Assert.Equal(new IsoWeek(year, week), IsoWeek.Of(DateOnly.Parse(date)));

    [Fact]
    public void Days_run_monday_to_sunday()
    {
        var days = new IsoWeek(2025, 1).Days();
        Assert.Equal(7, days.Count);
        Assert.Equal(new DateOnly(2024, 12, 30), days[0]);
        Assert.Equal(DayOfWeek.Monday, days[0].DayOfWeek);
        Assert.Equal(new DateOnly(2025, 1, 5), days[6]);
    }

    [Fact]
    public void Week_53_exists_only_in_long_years()
    {
        Assert.True(new IsoWeek(2026, 53).Exists);
        Assert.True(new IsoWeek(2020, 53).Exists);
        Assert.False(new IsoWeek(2025, 53).Exists);
        Assert.Empty(new IsoWeek(2025, 53).Days());
        Assert.False(new IsoWeek(2025, 0).Exists);
    }
}
