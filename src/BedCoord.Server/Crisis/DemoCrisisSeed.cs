namespace BedCoord.Server.Crisis;

/// <summary>Demo: a cell at work (filled in below).</summary>
public sealed class DemoCrisisSeed : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}
