using System.Collections.Concurrent;
using BedCoord.Domain.Crisis;
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
/// This silo's relay (the GPSTracker pattern): grains anywhere announce that a scope changed; if boards
/// connected here watch that scope, the relay reads its current summary and pushes it to their group.
/// One read per scope at a time: changes arriving meanwhile are folded into the next read, so a burst
/// costs a few pushes of the latest state, never a queue of outdated ones.
/// </summary>
public sealed class BoardRelay(IHubContext<BoardHub> hub, IGrainFactory grains, TerritoryCatalogHolder territory, RelayList relays,
    WebhookDirectory webhooks, ILogger<BoardRelay> log) : IBoardRelay
{
    private readonly ConcurrentDictionary<ScopeRef, int> _watchers = new();
    private readonly ConcurrentDictionary<ScopeRef, bool> _pushing = new();
    private readonly ConcurrentDictionary<ScopeRef, bool> _again = new();

    /// <summary>Set once this relay is in the cluster's directory: until then boards here would miss changes made elsewhere.</summary>
    public bool Registered { get; set; }

    public Task RelaysChanged()
    {
        _ = relays.RefreshNowAsync().ContinueWith(t => log.LogDebug(t.Exception, "Relay directory not re-read"), TaskContinuationOptions.OnlyOnFaulted);
        return Task.CompletedTask;
    }

    public void Watch(ScopeRef scope) => _watchers.AddOrUpdate(scope, 1, (_, n) => n + 1);

    public void Unwatch(ScopeRef scope)
    {
        if (_watchers.AddOrUpdate(scope, 0, (_, n) => Math.Max(0, n - 1)) == 0) _watchers.TryRemove(new KeyValuePair<ScopeRef, int>(scope, 0));
    }

    public Task ScopeChanged(ScopeRef scope)
    {
        webhooks.ScopeChanged(scope);
        if (_watchers.ContainsKey(scope)) Push(scope);
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

    private void Push(ScopeRef scope)
    {
        _again[scope] = true;
        if (_pushing.TryAdd(scope, true)) _ = PushLatestAsync(scope);
    }

    private async Task PushLatestAsync(ScopeRef scope)
    {
        try
        {
            while (_again.TryRemove(scope, out _))
            {
                var summary = await grains.Scope(scope).GetSummary(true);
                await hub.Clients.Group(scope.ToString()).SendAsync("summary", summary);
                ServerMetrics.HubPushed(scope.Kind);
            }
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not push {Scope} to boards", scope);
        }
        finally
        {
            _pushing.TryRemove(scope, out _);
            // A change announced between the last read and the release above must not be lost.
            if (_again.ContainsKey(scope) && _pushing.TryAdd(scope, true)) _ = PushLatestAsync(scope);
        }
    }
}
