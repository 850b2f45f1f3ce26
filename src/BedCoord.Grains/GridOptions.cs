namespace BedCoord.Grains;

/// <summary>Settings of the grid grains ("Grid" configuration section).</summary>
public sealed class GridOptions
{
    public const string Section = "Grid";
    public const string StorageName = "bedcoord";

    /// <summary>
    /// How often an aggregate writes its summed state. Aggregates are derived from units, whose every
    /// change is durable before it is acknowledged, so they are written behind and reconciled on activation.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);
}
