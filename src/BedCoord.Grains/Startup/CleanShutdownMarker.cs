using BedCoord.Grains.Territory;
using BedCoord.Persistence.Startup;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BedCoord.Grains.Startup;

/// <summary>
/// Reads and clears the grid's clean-shutdown mark before the silo starts, and sets it again once the silo has stopped
/// with every aggregate's stored state exact. Register it before the silo: hosted services start in order and stop in
/// reverse, so this one stops after every grain has deactivated. Only a silo that is alone (localhost clustering)
/// ever trusts or sets the mark; a cluster's silos only clear it, so nothing stored during a cluster run is trusted.
/// </summary>
public sealed class CleanShutdownMarker(CleanShutdownStore store, CleanStart cleanStart, TerritoryCatalogHolder territory,
    IHostApplicationLifetime lifetime, bool alone, ILogger<CleanShutdownMarker> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => StartupTimeline.Mark(log, "host started (silo active, HTTP listening)"));
        var clean = await store.TakeAsync(cancellationToken);
        cleanStart.Begin(alone && clean);
        StartupTimeline.Mark(log, cleanStart.StartedClean
            ? "previous shutdown was clean, aggregates serve their stored sums without re-reading their children"
            : "previous shutdown not known clean, aggregates re-read their children on activation");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!alone) return;
        if (cleanStart.WhyNotExact(territory.Current) is { } why)
        {
            log.LogWarning("Shutdown not clean ({Why}): the next start re-reads every scope's children", why);
            return;
        }
        try
        {
            await store.MarkCleanAsync(CancellationToken.None);
            log.LogInformation("Shutdown clean: the next start serves the stored sums");
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not record the clean shutdown: the next start re-reads every scope's children");
        }
    }
}
