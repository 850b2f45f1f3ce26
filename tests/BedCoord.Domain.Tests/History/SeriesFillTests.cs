using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using Xunit;

namespace BedCoord.Domain.Tests.History;

public class SeriesFillTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static ScopeValues Values(int available, int? level = 0) =>
        new(new BedFigures(available + 10, 0, 0, 10, 0, 0), 0, 0, 0, 1, 0, level, level, null);

    private static HistoryRow Row(double minute, int available, int min, int max, int? level = 0) =>
        new("department:31", T0.AddMinutes(minute), Values(available, level), min, max, level, level, null);

    [Fact]
    public void A_gap_carries_the_previous_end_values_with_a_flat_range_and_the_level_in_force()
    {
        var rows = new[] { Row(-3, 5, 2, 9, level: 2), Row(2, 7, 5, 7, level: 1) };
        var points = SeriesFill.Fill(Step.Minute, T0, T0.AddMinutes(3), rows, live: null, now: T0.AddHours(1));

        Assert.Equal([5, 5, 7, 7], points.Select(p => p.Available));
        Assert.Equal([5, 5, 5, 7], points.Select(p => p.AvailableMin));
        Assert.Equal([2, 2, 1, 1], points.Select(p => p.Level));
        Assert.Equal(T0, points[0].At);
    }

    [Fact]
    public void Before_the_first_known_state_there_is_no_point()
    {
        var points = SeriesFill.Fill(Step.Minute, T0, T0.AddMinutes(3), [Row(2, 7, 7, 7)], null, T0.AddHours(1));
        Assert.Equal([T0.AddMinutes(2), T0.AddMinutes(3)], points.Select(p => p.At));
    }

    [Fact]
    public void The_open_bucket_shows_the_live_state_within_the_range_seen_in_it()
    {
        var now = T0.AddMinutes(2.5);
        var points = SeriesFill.Fill(Step.Hour, T0, now, [Row(1, 7, 4, 7)], Values(12), now);

        var last = Assert.Single(points);
        Assert.Equal(12, last.Available);
        Assert.Equal((4, 12), (last.AvailableMin, last.AvailableMax));
    }

    [Fact]
    public void Coverage_is_available_post_emergency_beds_over_the_BJML_when_it_is_known()
    {
        var row = Row(0, 7, 7, 7) with { End = Values(7) with { AvailablePostEd = 6 } };
        var points = SeriesFill.Fill(Step.Minute, T0, T0, [row], null, T0.AddHours(1), _ => 12);
        Assert.Equal(0.5, points[0].BjmlCoverage);
    }
}
