using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace BedCoord.Grains.Startup;

/// <summary>
/// One log line per startup phase, stamped with the seconds since the process started: where a cold start spends
/// its time (runtime and host, storage and migrations, silo, territory, first regions) reads straight off the log.
/// </summary>
public static class StartupTimeline
{
    private static readonly DateTime ProcessStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public static double SecondsSinceProcessStart => (DateTime.UtcNow - ProcessStart).TotalSeconds;

    public static void Mark(ILogger log, string phase) =>
        log.LogInformation("Startup: {Phase} at {Seconds:F2} s after process start", phase, SecondsSinceProcessStart);
}
