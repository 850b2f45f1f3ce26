namespace BedCoord.Bench;

/// <summary>A unit the writer writes: its figures before the run, the last ones acknowledged, the write under way.</summary>
public sealed class WrittenUnit(string region, string finess, string id, BedInputs before)
{
    public string Region => region;
    public string Finess => finess;
    public string Id => id;
    public BedInputs Baseline { get; } = before;
    public string BedsPath => $"/api/establishments/{finess}/units/{id}/beds";
    public string Path => $"/api/establishments/{finess}/units/{id}";

    /// <summary>Last figures answered 200 (the baseline until then).</summary>
    public BedInputs Acked { get; internal set; } = before;
    /// <summary>Figures of a write that failed after every retry, since the last 200: the unit may hold them instead.</summary>
    public BedInputs? Doubt { get; internal set; }
    /// <summary>Writes sent to this unit so far; each carries its number as expected discharges.</summary>
    public int Mark;
    /// <summary>1 while a write (with its retries) is under way: never two at once on a unit, so the last 200 is its state.</summary>
    public int Busy;
}

/// <summary>
/// What every region must show, kept from the acknowledged writes: the region's sums before the run plus, for each
/// written unit, its last acknowledged figures minus its figures before the run. A region can be judged only while
/// no write to it is under way or in doubt; <see cref="Version"/> moves with every write's start and end, so a
/// reader confirms nothing moved while it read the region.
/// </summary>
public sealed class RegionLedger
{
    private sealed class Entry
    {
        public readonly Lock Gate = new();
        public BedInputs Expected;
        public int InFlight, Doubtful;
        public long Version;
    }

    private readonly Dictionary<string, Entry> _regions;

    public RegionLedger(IReadOnlyDictionary<string, BedInputs> baselines) =>
        _regions = baselines.ToDictionary(kv => kv.Key, kv => new Entry { Expected = kv.Value });

    public IEnumerable<string> Regions => _regions.Keys;

    public void Begin(WrittenUnit unit)
    {
        var r = _regions[unit.Region];
        lock (r.Gate) { r.InFlight++; r.Version++; }
    }

    public void Acknowledged(WrittenUnit unit, BedInputs figures)
    {
        var r = _regions[unit.Region];
        lock (r.Gate)
        {
            r.Expected += figures - unit.Acked;
            unit.Acked = figures;
            if (unit.Doubt is not null) { unit.Doubt = null; r.Doubtful--; }
            r.InFlight--;
            r.Version++;
        }
    }

    /// <summary>Every retry failed: the write may or may not have been applied, until the unit's next 200.</summary>
    public void Failed(WrittenUnit unit, BedInputs figures)
    {
        var r = _regions[unit.Region];
        lock (r.Gate)
        {
            if (unit.Doubt is null) r.Doubtful++;
            unit.Doubt = figures;
            r.InFlight--;
            r.Version++;
        }
    }

    /// <summary>The region's expected sums and version if it can be judged now, else null.</summary>
    public (BedInputs Expected, long Version)? Checkable(string region)
    {
        var r = _regions[region];
        lock (r.Gate) return r.InFlight == 0 && r.Doubtful == 0 ? (r.Expected, r.Version) : null;
    }

    public bool Unchanged(string region, long version)
    {
        var r = _regions[region];
        lock (r.Gate) return r.Version == version;
    }

    public BedInputs Expected(string region)
    {
        var r = _regions[region];
        lock (r.Gate) return r.Expected;
    }
}
