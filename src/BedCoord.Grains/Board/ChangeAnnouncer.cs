using BedCoord.Domain.Territory;

namespace BedCoord.Grains.Board;

/// <summary>
/// Tells every relay that a scope changed, at once when the scope has been quiet, and at most once per
/// <see cref="Window"/> while changes go on (the last change of a burst is always announced).
/// Owned by one grain and called on its scheduler only.
/// </summary>
public sealed class ChangeAnnouncer(ScopeRef scope, RelayList relays, TimeProvider clock, IGrainTimer trailing)
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);
    private DateTimeOffset _last = DateTimeOffset.MinValue;
    private bool _scheduled;

    public void Changed()
    {
        if (_scheduled) return;
        var wait = _last + Window - clock.GetUtcNow();
        if (wait <= TimeSpan.Zero) { Announce(); return; }
        _scheduled = true;
        trailing.Change(wait, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The trailing timer's callback.</summary>
    public Task OnTimer(CancellationToken _)
    {
        _scheduled = false;
        Announce();
        return Task.CompletedTask;
    }

    private void Announce()
    {
        _last = clock.GetUtcNow();
        foreach (var relay in relays.Current) relay.ScopeChanged(scope).Ignore();
    }
}
