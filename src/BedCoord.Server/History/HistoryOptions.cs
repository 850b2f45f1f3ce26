namespace BedCoord.Server.History;

/// <summary>History settings (section "History"; OPERATIONS.md): how long each tier is kept, how late inputs may come.</summary>
public sealed class HistoryOptions
{
    /// <summary>Off only to measure the write path without it (bench): the inputs are kept either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>1-minute buckets: five weekly meetings plus the time to write a RETEX.</summary>
    public int MinuteRetentionDays { get; set; } = 35;

    /// <summary>1-hour buckets: N-1..N-3 comparisons and the 3-year BJML window need at least five years.</summary>
    public int HourRetentionMonths { get; set; } = 66;

    /// <summary>How far behind the clock the projector stays, so inputs still being committed are not missed.</summary>
    public TimeSpan Lag { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often the projector looks for new inputs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest stretch of inputs processed in one pass (a back-fill is done in several).</summary>
    public TimeSpan MaxPass { get; set; } = TimeSpan.FromHours(24);
}
