using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Board;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.Alerts;
using Microsoft.Extensions.Logging;

namespace BedCoord.Grains.Tension;

/// <summary>
/// Tells every relay about an alert so that boards see it at once, and hands it to the alert store.
/// The grain raising it does not wait for the commit: alerts are history, and a burst of level changes
/// during a surge must not hold up the bed updates that caused them.
/// </summary>
public sealed class AlertPublisher(AlertStore store, RelayList relays, TerritoryCatalogHolder territory, ILogger<AlertPublisher> log,
    IEnumerable<IAlertObserver> observers)
{
    public void Publish(Alert alert)
    {
        store.AddAsync(alert, AlertStore.PathOf(new ScopeRef(alert.Scope, alert.ScopeId), territory.Current))
            .ContinueWith(t => log.LogError(t.Exception, "Alert {Alert} was not kept", alert.Id), TaskContinuationOptions.OnlyOnFaulted);
        foreach (var relay in relays.Current) relay.AlertRaised(alert).Ignore();
        foreach (var observer in observers) observer.OnAlert(alert);
    }
}
