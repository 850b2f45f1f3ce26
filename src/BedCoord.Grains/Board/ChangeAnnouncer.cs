using BedCoord.Domain.Live;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;

namespace BedCoord.Grains.Board;

/// <summary>
/// Tells every relay what changed in a scope (its figures and the children changed since the last
/// announcement), at once when the scope has been quiet, and at most once per <see cref="Window"/> while
/// changes go on (the last change of a burst is always announced). Relays never read the grain back.
/// Owned by one grain and called on its scheduler only; <paramref name="figures"/> reads the grain's current summary.
/// </summary>
public sealed class ChangeAnnouncer(ScopeRef scope, RelayList relays, TimeProvider clock, IGrainTimer trailing, Func<Summary> figures)
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);
    // Below 2^53 so that a browser reads it exactly.
    private readonly ChangeCollector _changes = new(scope.ToString(), Random.Shared.NextInt64(1, 1L << 53));
    private DateTimeOffset _last = DateTimeOffset.MinValue;
    private bool _scheduled;

    /// <summary>The scope's summary numbered like the announcements: what a relay starts from.</summary>
    public ScopeSnapshot Snapshot(Summary withChildren) => _changes.Snapshot(withChildren);

    /// <summary>A child's figures changed: it goes with the next announcement.</summary>
    public void ChildChanged(Summary child) => _changes.ChildChanged(child);

    /// <summary>Call once the grain's summary is up to date: announces now or at the end of the window.</summary>
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
        var current = relays.Current;
        var change = _changes.Take(figures());
        foreach (var relay in current) relay.ScopeChanged(change).Ignore();
    }
}
