using BedCoord.Domain.History;
using Xunit;

namespace BedCoord.Domain.Tests.History;

public class StepsTests
{
    private static DateTimeOffset Utc(string s) => DateTimeOffset.Parse(s, null, System.Globalization.DateTimeStyles.AssumeUniversal);

    [Fact]
    public void Days_start_at_midnight_in_Paris_whatever_the_season()
    {
        Assert.Equal(Utc("2026-12-01T23:00:00Z"), Step.Day.Floor(Utc("2026-12-02T10:00:00Z")));
        Assert.Equal(Utc("2026-06-30T22:00:00Z"), Step.Day.Floor(Utc("2026-07-01T21:59:00Z")));
        Assert.Equal(Utc("2026-07-01T22:00:00Z"), Step.Day.Floor(Utc("2026-07-01T22:00:00Z")));
    }

    [Fact]
    public void The_autumn_change_makes_a_25_hour_day_and_the_spring_change_a_23_hour_day()
    {
        var autumn = Step.Day.Floor(Utc("2026-10-25T12:00:00Z"));
        Assert.Equal(TimeSpan.FromHours(25), Step.Day.Next(autumn) - autumn);
        var spring = Step.Day.Floor(Utc("2026-03-29T12:00:00Z"));
        Assert.Equal(TimeSpan.FromHours(23), Step.Day.Next(spring) - spring);
        Assert.Equal(2, Step.Day.Count(autumn, Step.Day.Next(autumn)));
    }

    [Fact]
    public void Minutes_and_hours_are_cut_in_UTC_and_counted_inclusively()
    {
        Assert.Equal(Utc("2026-12-02T10:07:00Z"), Step.Minute.Floor(Utc("2026-12-02T10:07:59.9Z")));
        Assert.Equal(Utc("2026-12-02T10:00:00Z"), Step.Hour.Floor(Utc("2026-12-02T10:59:00Z")));
        Assert.Equal(1441, Step.Minute.Count(Utc("2026-12-01T10:00:00Z"), Utc("2026-12-02T10:00:00Z")));
    }

    [Theory]
    [InlineData(6, "1m")]
    [InlineData(7, "1h")]
    [InlineData(24 * 60, "1h")]
    [InlineData(24 * 61, "1d")]
    public void The_step_is_chosen_from_the_range(int hours, string step) =>
        Assert.Equal(step, Steps.ChooseFor(TimeSpan.FromHours(hours)).Name());
}
