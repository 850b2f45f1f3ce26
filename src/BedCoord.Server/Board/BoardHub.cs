using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BedCoord.Server.Board;

/// <summary>
/// /hubs/board (api-v1 "Live board hub"): a board subscribes to scopes ("region:OCC", "department:31"),
/// gets the scope's whole state at once ("snapshot"), then each change numbered ("delta": the scope's figures
/// and its changed children). A board that sees a number missing subscribes again to get a new snapshot.
/// </summary>
[Authorize]
public sealed class BoardHub(TerritoryCatalogHolder territory, BoardRelay relay) : Hub
{
    public const string Path = "/hubs/board";
    private const int MaxSubscriptionsPerConnection = 50;

    public async Task Subscribe(string scope)
    {
        var target = Parse(scope);
        var mine = Subscriptions();
        if (!mine.Contains(target))
        {
            if (mine.Count >= MaxSubscriptionsPerConnection)
                throw new HubException($"Au plus {MaxSubscriptionsPerConnection} abonnements par connexion.");
            // Join first, then read: a change between the two is pushed rather than missed.
            await Groups.AddToGroupAsync(Context.ConnectionId, target.ToString());
            mine.Add(target);
            relay.Watch(target);
        }
        // Sent by the relay in turn with the changes it pushes to the group, so the board can apply the next one.
        var caller = Clients.Caller;
        await relay.SendSnapshotAsync(target, s => caller.SendAsync(BoardRelay.SnapshotMessage, s));
    }

    public async Task Unsubscribe(string scope)
    {
        var target = Parse(scope);
        if (!Subscriptions().Remove(target)) return;
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, target.ToString());
        relay.Unwatch(target);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var scope in Subscriptions()) relay.Unwatch(scope);
        return Task.CompletedTask;
    }

    private ScopeRef Parse(string? scope)
    {
        if (!ScopeRef.TryParse(scope, out var target) || target.Kind == ScopeKind.Unit || !territory.Current.Contains(target))
            throw new HubException("Périmètre inconnu : attendu region:OCC, sector:NORD, department:31 ou establishment:<FINESS>.");
        return target;
    }

    private HashSet<ScopeRef> Subscriptions()
    {
        if (Context.Items.TryGetValue(nameof(Subscriptions), out var found)) return (HashSet<ScopeRef>)found!;
        var created = new HashSet<ScopeRef>();
        Context.Items[nameof(Subscriptions)] = created;
        return created;
    }
}
