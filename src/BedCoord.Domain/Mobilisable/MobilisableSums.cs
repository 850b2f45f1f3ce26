namespace BedCoord.Domain.Mobilisable;

/// <summary>Mutable running totals of mobilisable figures, so that summing thousands of children allocates nothing per child.</summary>
public struct MobilisableSums
{
    private int _reopenable, _withoutStaff, _withStaff;
    private int _reopenable24, _withoutStaff24, _withStaff24;
    private int _reopenable72, _withoutStaff72, _withStaff72;

    public void Add(MobilisableFigures m)
    {
        if (m.IsZero) return;
        _reopenable += m.Reopenable; _withoutStaff += m.SurgeWithoutStaff; _withStaff += m.SurgeWithStaff;
        _reopenable24 += m.Within24h.Reopenable; _withoutStaff24 += m.Within24h.SurgeWithoutStaff; _withStaff24 += m.Within24h.SurgeWithStaff;
        _reopenable72 += m.Within72h.Reopenable; _withoutStaff72 += m.Within72h.SurgeWithoutStaff; _withStaff72 += m.Within72h.SurgeWithStaff;
    }

    /// <summary>The totals; the shared zero when nothing was summed, the common case outside a crisis.</summary>
    public readonly MobilisableFigures ToFigures() => _reopenable + _withoutStaff + _withStaff == 0
        ? MobilisableFigures.Zero
        : new(_reopenable, _withoutStaff, _withStaff,
            new MobilisableCounts(_reopenable24, _withoutStaff24, _withStaff24),
            new MobilisableCounts(_reopenable72, _withoutStaff72, _withStaff72));
}
