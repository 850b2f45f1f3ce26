using System.Diagnostics.Metrics;

namespace BedCoord.Grains;

/// <summary>BedCoord's grid meter: how long a bed update takes to reach its region's sums (docs/OPERATIONS.md).</summary>
public static class GridMetrics
{
    public const string MeterName = "BedCoord.Grid";
    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Propagation = Meter.CreateHistogram<double>(
        "bedcoord_propagation_latency", "s", "From a unit's update to its region's summary including it",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    /// <summary>
    /// Called by a region when a sector reports; the sector's UpdatedAt is its latest unit update, so the
    /// difference is the time that update took to climb unit → establishment → département → sector → region.
    /// A report caused by something else than a fresh update (staleness, a reconcile) carries an old UpdatedAt:
    /// anything over a minute is such a report, not a latency, and is left out.
    /// </summary>
    public static void RegionReached(DateTimeOffset updatedAt, DateTimeOffset now, string region)
    {
        var latency = now - updatedAt;
        if (latency < TimeSpan.Zero || latency > TimeSpan.FromMinutes(1)) return;
        Propagation.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("region", region));
    }
}
