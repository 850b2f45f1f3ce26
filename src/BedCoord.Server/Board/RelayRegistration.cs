using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Board;

namespace BedCoord.Server.Board;

/// <summary>Registers this silo's relay in the cluster-wide directory and keeps the registration alive.</summary>
public sealed class RelayRegistration(IGrainFactory grains, BoardRelay relay, RelayList relays, ILogger<RelayRegistration> log)
    : BackgroundService
{
    // Short, because the directory is held in memory: when its silo dies, the new activation starts empty and
    // boards on the survivors get nothing until their relays register again. A registration is one cheap call.
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    private IBoardRelay? _reference;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Period;
            try
            {
                _reference ??= grains.CreateObjectReference<IBoardRelay>(relay);
                await RelayList.Directory(grains).Register(_reference, Environment.MachineName + ":" + Environment.ProcessId);
                await relays.RefreshNowAsync();
                relay.Registered = true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogDebug(e, "Relay not registered yet");
                wait = TimeSpan.FromSeconds(1);
            }
            await Task.Delay(wait, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_reference is not null)
        {
            try { await RelayList.Directory(grains).Unregister(_reference); }
            catch (Exception e) { log.LogDebug(e, "Relay not unregistered"); }
        }
        await base.StopAsync(cancellationToken);
    }
}
