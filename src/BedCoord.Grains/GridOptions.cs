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

    /// <summary>
    /// How long a unit grain stays in memory after its last call. A unit is written every few hours in real use and
    /// its establishment keeps its summary, so holding every unit of a national territory active only costs memory
    /// (about 8 KiB each: 60,000 units, half a gigabyte). Orleans' collection runs once a minute, so the effective
    /// time is between this and a minute more; it must be longer than that minute.
    /// </summary>
    public TimeSpan UnitIdleTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
