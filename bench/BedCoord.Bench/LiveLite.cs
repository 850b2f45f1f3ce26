namespace BedCoord.Bench;

/// <summary>
/// The hub's messages as a bench board reads them: only the figures it checks are materialised. "snapshot"
/// (the scope whole), "delta" (the scope's figures and changed children, numbered), and "summary", what a
/// server before the delta protocol pushed (the scope whole on every change).
/// </summary>
public sealed class SnapshotLite
{
    public string? Scope { get; set; }
    public long Epoch { get; set; }
    public long Seq { get; set; }
    public ScopeLite? Summary { get; set; }
}

public sealed class DeltaLite
{
    public string? Scope { get; set; }
    public long Epoch { get; set; }
    public long Seq { get; set; }
    public ScopeLite? Figures { get; set; }
    public List<ScopeLite>? Children { get; set; }
}

public sealed class ScopeLite
{
    public string? Id { get; set; }
    public long Revision { get; set; }
    public BedsLite? Beds { get; set; }
    public List<ScopeLite>? Children { get; set; }
}

/// <summary>One scope as a board holds it: figures, children by id, and the change number it is at.</summary>
public sealed class HeldScope
{
    public ScopeLite Figures = new();
    public readonly Dictionary<string, ScopeLite> Children = new(StringComparer.Ordinal);
    public long Epoch, Seq;

    public static HeldScope From(ScopeLite whole, long epoch, long seq)
    {
        var held = new HeldScope { Figures = whole, Epoch = epoch, Seq = seq };
        foreach (var c in whole.Children ?? []) if (c.Id is not null) held.Children[c.Id] = c;
        whole.Children = null;
        return held;
    }

    /// <summary>False when a change is missing (the board must subscribe again); stale changes are ignored.</summary>
    public bool Apply(DeltaLite delta)
    {
        if (delta.Epoch != Epoch || delta.Seq > Seq + 1) return false;
        if (delta.Seq <= Seq) return true;
        Figures = delta.Figures!;
        foreach (var c in delta.Children ?? []) if (c.Id is not null) Children[c.Id] = c;
        Seq = delta.Seq;
        return true;
    }
}
