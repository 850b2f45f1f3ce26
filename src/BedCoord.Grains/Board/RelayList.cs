using BedCoord.Grains.Abstractions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BedCoord.Grains.Board;

/// <summary>
/// This silo's copy of the relay directory, refreshed in the background so that grains announcing a change
/// never wait on the directory grain.
/// </summary>
public sealed class RelayList(IGrainFactory grains, ILogger<RelayList> log) : BackgroundService
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(2);
    private volatile IReadOnlyList<IBoardRelay> _relays = [];

    public IReadOnlyList<IBoardRelay> Current => _relays;

    public static IRelayDirectoryGrain Directory(IGrainFactory grains) => grains.GetGrain<IRelayDirectoryGrain>("default");

    /// <summary>Re-reads the directory now (a relay just registered in this silo).</summary>
    public async Task RefreshNowAsync() => _relays = await Directory(grains).List();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await RefreshNowAsync(); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogDebug(e, "Relay directory not reachable yet"); }
            await Task.Delay(Refresh, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }
}
