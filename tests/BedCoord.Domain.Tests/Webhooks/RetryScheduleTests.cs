using BedCoord.Domain.Webhooks;
using Xunit;

namespace BedCoord.Domain.Tests.Webhooks;

public sealed class RetryScheduleTests
{
    [Fact]
    public void Delays_double_from_the_base_up_to_the_cap_and_stop_after_the_last_attempt()
    {
        var schedule = new RetrySchedule(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), MaxAttempts: 6);
        var delays = Enumerable.Range(1, 6).Select(schedule.DelayAfter).ToList();
        Assert.Equal([5, 10, 20, 30, 30], delays.Take(5).Select(d => d!.Value.TotalSeconds));
        Assert.Null(delays[5]);
        Assert.Null(schedule.DelayAfter(0));
    }

    [Fact]
    public void A_single_attempt_schedule_never_retries_and_huge_attempt_numbers_do_not_overflow()
    {
        Assert.Null(new RetrySchedule(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), 1).DelayAfter(1));
        Assert.Equal(TimeSpan.FromMinutes(5), new RetrySchedule(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), int.MaxValue).DelayAfter(1000));
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(204, true)]
    [InlineData(299, true)]
    [InlineData(301, false)]
    [InlineData(404, false)]
    [InlineData(500, false)]
    [InlineData(null, false)]
    public void Only_2xx_counts_as_delivered(int? status, bool delivered) => Assert.Equal(delivered, RetrySchedule.IsSuccess(status));
}
