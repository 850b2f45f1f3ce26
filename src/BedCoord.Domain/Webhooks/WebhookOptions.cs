namespace BedCoord.Domain.Webhooks;

/// <summary>Settings of webhook deliveries (section "Webhooks"); the defaults are the production ones.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>The shortest interval a subscription may ask for; tests lower it to see coalescing in seconds.</summary>
    public double MinIntervalSeconds { get; set; } = 10;

    public double MaxIntervalSeconds { get; set; } = 86_400;

    public double DefaultIntervalSeconds { get; set; } = 60;

    /// <summary>How long after a first change to wait before sending, so that a burst of unit updates goes out as one state.</summary>
    public double SettleSeconds { get; set; } = 2;

    /// <summary>Delay before the second attempt; each later one doubles it, up to <see cref="RetryMaxDelaySeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 5;

    public double RetryMaxDelaySeconds { get; set; } = 300;

    /// <summary>Attempts per delivery, the first included.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>An attempt that has no answer after this long counts as failed.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>How often every silo re-reads the subscriptions and asks each one whether its scope changed since its last delivery.</summary>
    public double SweepSeconds { get; set; } = 300;

    public TimeSpan Settle => TimeSpan.FromSeconds(SettleSeconds);
    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
    public RetrySchedule Retry => new(TimeSpan.FromSeconds(RetryBaseSeconds), TimeSpan.FromSeconds(RetryMaxDelaySeconds), MaxAttempts);
}
