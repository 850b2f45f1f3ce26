namespace BedCoord.Server.Crisis;

/// <summary>
/// Looks for measures past their due time every Crisis:OverdueScanSeconds (30 s by default), and for declarations that
/// expired with measures still open every Crisis:ExpiryScanSeconds (30 s by default).
/// </summary>
public sealed class OverdueWatcher(MeasureService measures, ExpiredDeclarations expired, IConfiguration config, ILogger<OverdueWatcher> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(
        EveryAsync("Crisis:OverdueScanSeconds", ct => measures.RaiseOverdueAsync(ct), "Overdue measures", stoppingToken),
        EveryAsync("Crisis:ExpiryScanSeconds", ct => expired.LiftAsync(ct), "Expired declarations", stoppingToken));

    private async Task EveryAsync(string setting, Func<CancellationToken, Task<int>> scan, string what, CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Max(0.2, config.GetValue(setting, 30.0)));
        using var timer = new PeriodicTimer(every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await scan(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "{What} not checked this time", what); }
        }
    }
}
