using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Board;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.Alerts;
using Orleans;

namespace BedCoord.Grains.Tension;

/// <summary>Keeps an alert in PostgreSQL, then tells every relay so that boards see it at once.</summary>
public sealed class AlertPublisher(AlertStore store, RelayList relays, TerritoryCatalogHolder territory)
{
    public async Task PublishAsync(Alert alert)
    {
        await store.AddAsync(alert, AlertStore.PathOf(new ScopeRef(alert.Scope, alert.ScopeId), territory.Current));
        foreach (var relay in relays.Current) relay.AlertRaised(alert).Ignore();
    }
}
