using BedCoord.Domain.Webhooks;
using Xunit;

namespace BedCoord.Domain.Tests.Webhooks;

public sealed class DeliveryPlanTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    [Fact]
    public void A_first_change_goes_out_after_the_settle_delay()
    {
        var plan = new DeliveryPlan(Interval, Settle);
        Assert.Null(plan.Due());
        Assert.Equal(T0 + Settle, plan.Changed(T0));
        Assert.False(plan.TryStart(T0 + TimeSpan.FromSeconds(1)));
        Assert.True(plan.TryStart(T0 + Settle));
        Assert.Null(plan.PendingSince);
    }

    [Fact]
    public void Changes_during_the_interval_are_folded_into_one_delivery_at_its_end()
    {
        var plan = new DeliveryPlan(Interval, Settle);
        plan.Changed(T0);
        Assert.True(plan.TryStart(T0 + Settle));
        Assert.Null(plan.Settled());

        // Three changes within the next seconds: one delivery, one interval after the previous one started.
        var due = plan.Changed(T0 + TimeSpan.FromSeconds(5));
        Assert.Equal(due, plan.Changed(T0 + TimeSpan.FromSeconds(6)));
        Assert.Equal(due, plan.Changed(T0 + TimeSpan.FromSeconds(7)));
        Assert.Equal(T0 + Settle + Interval, due);
        Assert.False(plan.TryStart(T0 + TimeSpan.FromSeconds(61)));
        Assert.True(plan.TryStart(T0 + Settle + Interval));
        Assert.False(plan.TryStart(T0 + Settle + Interval), "nothing pending any more");
    }

    [Fact]
    public void A_change_while_a_delivery_is_retried_waits_for_it_to_settle()
    {
        var plan = new DeliveryPlan(Interval, Settle);
        plan.Changed(T0);
        Assert.True(plan.TryStart(T0 + Settle));
        Assert.Null(plan.Changed(T0 + TimeSpan.FromSeconds(10)));
        Assert.True(plan.InFlight);
        Assert.False(plan.TryStart(T0 + TimeSpan.FromHours(1)), "never two deliveries at once");
        Assert.Equal(T0 + Settle + Interval, plan.Settled());
    }

    [Fact]
    public void A_quiet_subscription_sends_a_change_after_the_settle_delay_not_after_a_whole_interval()
    {
        var plan = new DeliveryPlan(Interval, Settle);
        plan.Restore(T0);
        var later = T0 + TimeSpan.FromMinutes(10);
        Assert.Equal(later + Settle, plan.Changed(later));
    }

    [Fact]
    public void The_interval_holds_across_a_restart_through_the_restored_last_start()
    {
        var plan = new DeliveryPlan(Interval, Settle);
        plan.Restore(T0);
        Assert.Equal(T0 + Interval, plan.Changed(T0 + TimeSpan.FromSeconds(1)));
    }
}
