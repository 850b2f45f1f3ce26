using System.Collections.Concurrent;
using BedCoord.Domain.Crisis;
using BedCoord.Domain.Live;
using BedCoord.Domain.Territory;
using BedCoord.Domain.Tension;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Board;
using BedCoord.Grains.Territory;
using BedCoord.Server.Observability;
using BedCoord.Server.Webhooks;
using Microsoft.AspNetCore.SignalR;

namespace BedCoord.Server.Board;

/// <summary>
/// This silo's relay (the GPSTracker pattern): grains anywhere announce what changed in a scope (its figures
/// and its changed children, numbered); if boards connected here watch that scope, the relay applies the
/// change to its copy of the scope and pushes the change as is ("delta"). It reads the grain only to start a
/// copy (first board of a scope) and when a change is missing or the grain restarted (then pushes a "snapshot").
/// Changes of one scope are handled one at a time, in order, so boards receive them numbered without gaps.
/// </summary>
public sealed class BoardRelay(IHubContext<BoardHub> hub, IGrainFactory grains, TerritoryCatalogHolder territory, RelayList relays,
    WebhookDirectory webhooks, ILogger<BoardRelay> log) : IBoardRelay
{
    public const string SnapshotMessage = "snapshot";
    public const string DeltaMessage = "delta";

    /// <summary>One watched scope: how many boards here watch it and the relay's copy of its state.</summary>
    private sealed class Feed
    {
        public int Watchers;
        public readonly SemaphoreSlim Turn = new(1, 1);
        public LiveScope? Copy;
    }

    private readonly ConcurrentDictionary<ScopeRef, Feed> _feeds = new();

    /// <summary>Set once this relay is in the cluster's directory: until then boards here would miss changes made elsewhere.</summary>
    public bool Registered { get; set; }

    public Task RelaysChanged()
    {
        _ = relays.RefreshNowAsync().ContinueWith(t => log.LogDebug(t.Exception, "Relay directory not re-read"), TaskContinuationOptions.OnlyOnFaulted);
        return Task.CompletedTask;
    }

    public void Watch(ScopeRef scope)
    {
        var feed = _feeds.GetOrAdd(scope, _ => new Feed());
        Interlocked.Increment(ref feed.Watchers);
    }

    /// <summary>The last board gone, the copy goes too: unwatched changes are not applied, so it would turn stale.</summary>
    public void Unwatch(ScopeRef scope)
    {
        if (_feeds.TryGetValue(scope, out var feed) && Interlocked.Decrement(ref feed.Watchers) <= 0)
            _feeds.TryRemove(new KeyValuePair<ScopeRef, Feed>(scope, feed));
    }

    /// <summary>Sends the scope's whole state to one board, in turn with the changes pushed to its group.</summary>
    public async Task SendSnapshotAsync(ScopeRef scope, Func<ScopeSnapshot, Task> send)
    {
        var feed = _feeds.GetOrAdd(scope, _ => new Feed());
        await feed.Turn.WaitAsync();
        try
        {
            feed.Copy ??= await ReadAsync(scope);
            await send(feed.Copy.Snapshot());
        }
        finally { feed.Turn.Release(); }
    }

    public Task ScopeChanged(ScopeChange change)
    {
        if (!ScopeRef.TryParse(change.Scope, out var scope)) return Task.CompletedTask;
        webhooks.ScopeChanged(scope);
        if (_feeds.TryGetValue(scope, out var feed)) _ = PushAsync(scope, feed, change);
        return Task.CompletedTask;
    }

    /// <summary>Alerts are few and each one matters: they go out at once to the boards of the scope and of its ancestors.</summary>
    public Task AlertRaised(Alert alert)
    {
        var groups = territory.Current.SelfAndAncestors(new ScopeRef(alert.Scope, alert.ScopeId)).Select(s => s.ToString()).ToList();
        return hub.Clients.Groups(groups).SendAsync("alert", alert);
    }

    public Task CrisisChanged(CrisisNotice notice)
    {
        if (!ScopeRef.TryParse(notice.Scope, out var scope)) return Task.CompletedTask;
        var groups = territory.Current.SelfAndAncestors(scope).Select(s => s.ToString()).ToList();
        return hub.Clients.Groups(groups).SendAsync("crisis", notice);
    }

    private async Task PushAsync(ScopeRef scope, Feed feed, ScopeChange change)
    {
        await feed.Turn.WaitAsync();
        try
        {
            // No board has read the scope yet (its snapshot is being sent, or failed): it will start from the grain.
            if (feed.Copy is null) return;
            switch (feed.Copy.Apply(change))
            {
                case SequenceStep.Next:
                    await hub.Clients.Group(scope.ToString()).SendAsync(DeltaMessage, change);
                    break;
                case SequenceStep.Gap:
                    // An announcement lost (a silo died) or the grain restarted: start again from its state.
                    feed.Copy = await ReadAsync(scope);
                    await hub.Clients.Group(scope.ToString()).SendAsync(SnapshotMessage, feed.Copy.Snapshot());
                    break;
                default:
                    return;
            }
            ServerMetrics.HubPushed(scope.Kind);
        }
        catch (Exception e)
        {
            feed.Copy = null;
            log.LogWarning(e, "Could not push {Scope} to boards", scope);
        }
        finally { feed.Turn.Release(); }
    }

    private async Task<LiveScope> ReadAsync(ScopeRef scope) => new(await grains.Aggregate(scope).GetSnapshot());
}
