using System.Diagnostics.Metrics;

namespace BedCoord.Persistence;

/// <summary>BedCoord's storage meter: how long a group commit takes and how many rows it carries (docs/OPERATIONS.md).</summary>
public static class StorageMetrics
{
    public const string MeterName = "BedCoord.Storage";
    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> WriteSeconds = Meter.CreateHistogram<double>(
        "bedcoord_storage_write_duration", "s", "Time to commit one group-commit batch to PostgreSQL",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    private static readonly Histogram<int> BatchRows = Meter.CreateHistogram<int>(
        "bedcoord_storage_batch_size", "{row}", "Rows carried by one group-commit batch",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });

    /// <param name="writer">The row type written (AuditEntry, Alert…), as a tag.</param>
    public static void RecordBatch(string writer, int rows, TimeSpan took, bool ok)
    {
        var tags = new KeyValuePair<string, object?>[] { new("writer", writer), new("outcome", ok ? "ok" : "error") };
        WriteSeconds.Record(took.TotalSeconds, tags);
        BatchRows.Record(rows, tags);
    }
}
