namespace BedCoord.Server.Crisis;

/// <summary>Looks for measures past their due time every Crisis:OverdueScanSeconds (30 s by default).</summary>
public sealed class OverdueWatcher(MeasureService measures, IConfiguration config, ILogger<OverdueWatcher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Max(0.2, config.GetValue("Crisis:OverdueScanSeconds", 30.0)));
        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await measures.RaiseOverdueAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "Overdue measures not checked this time"); }
        }
    }
}
