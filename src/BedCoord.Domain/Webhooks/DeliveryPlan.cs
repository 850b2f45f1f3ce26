namespace BedCoord.Domain.Webhooks;

/// <summary>
/// When a subscription sends: changes are coalesced, and a delivery starts no sooner than <c>settle</c> after the first change it
/// carries and no sooner than <c>interval</c> after the previous delivery started. It carries the state read when it starts, so a
/// burst of changes goes out as its latest state, once. While a delivery is retried, changes wait for the next one.
/// Plain state, owned by one grain and called on its scheduler only.
/// </summary>
public sealed class DeliveryPlan(TimeSpan interval, TimeSpan settle)
{
    /// <summary>The first change not yet carried by a delivery, if any.</summary>
    public DateTimeOffset? PendingSince { get; private set; }

    /// <summary>When the last delivery started (its first attempt), across restarts (read back from the delivery log).</summary>
    public DateTimeOffset? LastStart { get; private set; }

    /// <summary>A delivery is between its first attempt and its success or last failure.</summary>
    public bool InFlight { get; private set; }

    public void Restore(DateTimeOffset? lastStart) => LastStart = lastStart;

    /// <summary>Records a change; answers when the next delivery is due, or null when one in flight will look at it afterwards.</summary>
    public DateTimeOffset? Changed(DateTimeOffset now)
    {
        PendingSince ??= now;
        return InFlight ? null : Due();
    }

    /// <summary>When the pending change may go out; null when nothing is pending.</summary>
    public DateTimeOffset? Due()
    {
        if (PendingSince is not { } first) return null;
        var due = first + settle;
        if (LastStart is { } last && last + interval > due) due = last + interval;
        return due;
    }

    /// <summary>True when a delivery should start now: something is pending, none is in flight, and it is due.</summary>
    public bool TryStart(DateTimeOffset now)
    {
        if (InFlight || Due() is not { } due || due > now) return false;
        PendingSince = null;
        LastStart = now;
        InFlight = true;
        return true;
    }

    /// <summary>The delivery succeeded or gave up; answers when the next one is due if changes arrived meanwhile.</summary>
    public DateTimeOffset? Settled()
    {
        InFlight = false;
        return Due();
    }
}
