using System.Diagnostics;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Startup;
using BedCoord.Grains.Tension;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BedCoord.Grains.Territory;

/// <summary>
/// Keeps this silo's territory catalog current: loads it once the cluster answers, then picks up
/// imports and rule sets set through other silos. Also makes sure the grid's clock reminder exists.
/// </summary>
public sealed class TerritorySync(IGrainFactory grains, TerritoryCatalogHolder catalog, RuleBookHolder rules, ILogger<TerritorySync> log)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    // Until the silo first answers, try again soon: every read of the grid answers 404 until the catalog is here.
    private static readonly TimeSpan FirstTry = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var clockStarted = false;
        var reached = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var started = Stopwatch.GetTimestamp();
                if (await catalog.RefreshAsync(grains))
                {
                    log.LogInformation("Territory catalog at version {Version}", catalog.Current.Version);
                    if (!reached) StartupTimeline.Mark(log, $"territory catalog loaded ({catalog.Current.Version}) in {Stopwatch.GetElapsedTime(started).TotalSeconds:F2} s");
                }
                reached = true;
                await rules.RefreshAsync(grains);
                if (!clockStarted)
                {
                    await grains.GetGrain<ITensionClockGrain>("default").Start();
                    clockStarted = true;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogDebug(e, "Territory not reachable yet");
            }
            await Task.Delay(reached ? Period : FirstTry, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }
}
