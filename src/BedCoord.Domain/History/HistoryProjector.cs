using BedCoord.Domain.Territory;

namespace BedCoord.Domain.History;

/// <summary>
/// Turns the ordered inputs into one-minute buckets per scope. It owns the minute still open; a minute
/// is emitted once the caller says time has passed its end. Given the same inputs from the same starting
/// state it emits the same rows, which is what makes a replayed minute harmless (rows are overwritten).
/// </summary>
public sealed class HistoryProjector(GridModel model, DateTimeOffset start)
{
    private readonly Dictionary<ScopeRef, Accumulator> _open = new();
    private readonly List<HistoryRow> _closed = new();
    private DateTimeOffset _minute = Step.Minute.Floor(start);

    public GridModel Model => model;

    /// <summary>The start of the minute still open: everything before it has been emitted.</summary>
    public DateTimeOffset OpenMinute => _minute;

    // Inputs of one instant (an import's starting states) are one change: the scopes they touch are summed and read
    // once all of them are applied, so a region never shows a sum of half its units while they are being seeded.
    private readonly HashSet<ScopeRef> _pending = new();
    private DateTimeOffset _pendingAt = DateTimeOffset.MinValue;

    public void Process(HistoryEvent e)
    {
        if (e.At < _minute) throw new InvalidOperationException($"Input {e.Id} at {e.At:O} is before the open minute {_minute:O}.");
        if (e.At != _pendingAt) FlushPending();
        CloseUpTo(e.At);
        model.Stage(e);
        _pendingAt = e.At;
    }

    private void FlushPending()
    {
        foreach (var scope in model.RecomputeStaged()) _pending.Add(scope);
        if (_pending.Count == 0) return;
        Touch(_pending.ToList());
        _pending.Clear();
    }

    /// <summary>Emits every minute that ends at or before <paramref name="t"/>, applying staleness on time.</summary>
    public void CloseUpTo(DateTimeOffset t)
    {
        if (t > _pendingAt) FlushPending();
        while (true)
        {
            var end = _minute.AddMinutes(1);
            var limit = t < end ? t : end;
            // A unit turning stale exactly at a minute's end belongs to the next minute.
            while (model.NextStaleAt(limit) is { } at && (at < end))
                Touch(model.AdvanceTo(at));
            if (t < end) { model.AdvanceTo(t); return; }
            Emit();
            _minute = end;
        }
    }

    /// <summary>Takes the rows of the minutes emitted since the last call.</summary>
    public IReadOnlyList<HistoryRow> TakeClosed()
    {
        var rows = _closed.ToList();
        _closed.Clear();
        return rows;
    }

    private void Touch(IReadOnlyList<ScopeRef> scopes)
    {
        foreach (var scope in scopes)
        {
            if (model.ValuesOf(scope) is not { } now) continue;
            if (_open.TryGetValue(scope, out var acc)) acc.Add(now);
            else _open[scope] = new Accumulator(Previous(scope) ?? now, now);
        }
    }

    // The value in force when the minute opened belongs to the minute's range too (it held until the change).
    private readonly Dictionary<ScopeRef, ScopeValues> _lastEmitted = new();
    private ScopeValues? Previous(ScopeRef scope) => _lastEmitted.GetValueOrDefault(scope);

    private void Emit()
    {
        foreach (var (scope, acc) in _open)
        {
            var end = model.ValuesOf(scope)!;
            _closed.Add(acc.ToRow(scope.ToString(), _minute, end));
            _lastEmitted[scope] = end;
        }
        _open.Clear();
    }

    /// <summary>Seeds what was in force at the start for the scopes the model already knows.</summary>
    public void SeedFromModel(IEnumerable<ScopeRef> scopes)
    {
        foreach (var scope in scopes)
            if (model.ValuesOf(scope) is { } v) _lastEmitted[scope] = v;
    }

    private sealed class Accumulator
    {
        private int _min, _max;
        private int? _level, _computed, _declared;

        public Accumulator(ScopeValues first, ScopeValues now)
        {
            _min = _max = first.Beds.Available;
            _level = first.Level; _computed = first.ComputedLevel; _declared = first.DeclaredLevel;
            Add(now);
        }

        public void Add(ScopeValues v)
        {
            _min = Math.Min(_min, v.Beds.Available);
            _max = Math.Max(_max, v.Beds.Available);
            _level = Max(_level, v.Level); _computed = Max(_computed, v.ComputedLevel); _declared = Max(_declared, v.DeclaredLevel);
        }

        public HistoryRow ToRow(string scope, DateTimeOffset bucket, ScopeValues end) =>
            new(scope, bucket, end, Math.Min(_min, end.Beds.Available), Math.Max(_max, end.Beds.Available),
                Max(_level, end.Level), Max(_computed, end.ComputedLevel), Max(_declared, end.DeclaredLevel));

        private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
    }
}
