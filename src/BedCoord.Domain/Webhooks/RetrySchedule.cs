namespace BedCoord.Domain.Webhooks;

/// <summary>Exponential backoff: after failed attempt n (1-based) wait Base × 2^(n−1), at most Max, and stop after MaxAttempts.</summary>
public readonly record struct RetrySchedule(TimeSpan Base, TimeSpan Max, int MaxAttempts)
{
    /// <summary>The wait before the next attempt, or null when <paramref name="failedAttempt"/> was the last one allowed.</summary>
    public TimeSpan? DelayAfter(int failedAttempt)
    {
        if (failedAttempt < 1 || failedAttempt >= MaxAttempts) return null;
        // Capped before it can overflow: 2^30 × any base is far past any sane maximum.
        var factor = Math.Pow(2, Math.Min(failedAttempt - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(Base.Ticks * factor, Max.Ticks));
        return delay < Base ? Base : delay;
    }

    /// <summary>2xx is delivered; anything else (3xx included: redirects are not followed) is a failure.</summary>
    public static bool IsSuccess(int? status) => status is >= 200 and < 300;
}
