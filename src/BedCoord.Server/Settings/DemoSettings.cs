using System.ComponentModel.DataAnnotations;

namespace BedCoord.Server.Settings;

/// <summary>The "Demo" section: the Occitanie demonstration data and its simulated activity.</summary>
public sealed class DemoSettings
{
    public const string Section = "Demo";

    /// <summary>Load the bundled Occitanie territory and its demo figures at start.</summary>
    public bool Seed { get; set; }

    /// <summary>With Seed: back-fill <see cref="HistoryDays"/> days of generated history (about a minute for 12 weeks).</summary>
    public bool History { get; set; } = true;

    [Range(1, 3650, ErrorMessage = "between 1 and 3650 days")]
    public int HistoryDays { get; set; } = 84;

    /// <summary>With Seed: three years of daily ED admissions per establishment (the outlook's input).</summary>
    public bool Admissions { get; set; } = true;

    /// <summary>Keep producing bed updates, as bed managers would.</summary>
    public bool Simulate { get; set; }

    [Range(1, 200, ErrorMessage = "between 1 and 200 updates per second")]
    public int SimulatedUpdatesPerSecond { get; set; } = 5;

    /// <summary>Where the bundled reference data is; next to the binaries by default.</summary>
    public string? DataDirectory { get; set; }
}
