using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using Xunit;

namespace BedCoord.Domain.Tests.History;

public class HistoryRangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static (HistoryRange? Range, FieldErrors Errors) Parse(string? from, string? to, string? step)
    {
        var errors = new FieldErrors();
        return (HistoryRange.Parse(from, to, step, Now, errors), errors);
    }

    [Fact]
    public void Without_parameters_it_is_the_last_24_hours_at_one_hour()
    {
        var (range, _) = Parse(null, null, null);
        Assert.Equal(new HistoryRange(Now.AddHours(-24), Now, Step.Hour), range);
    }

    [Theory]
    [InlineData("hier", null, null, "from")]
    [InlineData(null, "2026-13-01T00:00:00Z", null, "to")]
    [InlineData("2026-12-01T10:00:00", null, null, "from")] // no zone: ambiguous across DST
    [InlineData("2026-12-02T09:00:00Z", "2026-12-02T08:00:00Z", null, "from")]
    [InlineData(null, null, "5m", "step")]
    [InlineData("2026-11-01T00:00:00Z", null, "1m", "step")]
    [InlineData("2020-01-01T00:00:00Z", null, "1h", "step")]
    public void Bad_parameters_are_refused_naming_the_parameter(string? from, string? to, string? step, string field)
    {
        var (range, errors) = Parse(from, to, step);
        Assert.Null(range);
        Assert.True(errors.Has(field), errors.ToString());
    }

    [Fact]
    public void Twelve_weeks_at_one_hour_fit_in_one_answer()
    {
        var (range, errors) = Parse("2026-09-10T00:00:00Z", "2026-12-03T00:00:00Z", "1h");
        Assert.True(errors.IsEmpty);
        Assert.Equal(2017, range!.Step.Count(range.From, range.To));
    }

    [Fact]
    public void Times_with_an_offset_are_read_as_the_instant_they_name()
    {
        var (range, _) = Parse("2026-12-02T08:00:00+01:00", "2026-12-02T09:30:00Z", "1m");
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 7, 0, 0, TimeSpan.Zero), range!.From);
    }
}
