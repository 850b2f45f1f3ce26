namespace BedCoord.Grains;

/// <summary>Settings of the grid grains ("Grid" configuration section).</summary>
public sealed class GridOptions
{
    public const string Section = "Grid";
    public const string StorageName = "bedcoord";

    /// <summary>
    /// How often an aggregate retries a report its parent did not take and checks whether its summed state is due
    /// to be written (<see cref="WriteBehindInterval"/>); also the retry period of a unit's report to its establishment.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often, at most, an aggregate writes its summed state while it changes. Aggregates are derived from units,
    /// whose every change is durable before it is acknowledged: the stored sums serve a restart after a clean shutdown
    /// (every aggregate writes on deactivation) and the first answers of a re-activation, which re-reads its children
    /// anyway. Each write serialises the summary of every child, so writing every second cost about a sixth of the
    /// server's CPU under a steady flow of updates (docs/PERFORMANCE.md).
    /// </summary>
    public TimeSpan WriteBehindInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a unit grain stays in memory after its last call. A unit is written every few hours in real use and
    /// its establishment keeps its summary, so holding every unit of a national territory active only costs memory
    /// (about 8 KiB each: 60,000 units, half a gigabyte). Orleans' collection runs once a minute, so the effective
    /// time is between this and a minute more; it must be longer than that minute.
    /// </summary>
    public TimeSpan UnitIdleTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
