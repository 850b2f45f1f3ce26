using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.History;

/// <summary>
/// The grid rebuilt from its inputs: the last bed state of each unit, the emergency figures of each
/// establishment and the level of each scope, summed with the same <see cref="SummaryMath"/> as the live
/// grains. It answers "what did scope X show at time t" for replay and feeds the history projector.
/// </summary>
public sealed class GridModel(TerritoryCatalog catalog, Func<string, TimeSpan> staleAfterOf)
{
    private readonly Dictionary<string, UnitBedState> _units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmergencyFigures> _emergency = new(StringComparer.Ordinal);
    private readonly Dictionary<ScopeRef, LevelEvent> _levels = new();
    private readonly Dictionary<ScopeRef, Summary> _summaries = new();
    // When each unit turns stale: the moment it passes staleAfter without an update (domain.md §5).
    private readonly PriorityQueue<(string Key, DateTimeOffset UpdatedAt), DateTimeOffset> _staleAt = new();
    private DateTimeOffset _now = DateTimeOffset.MinValue;

    public TerritoryCatalog Catalog => catalog;
    public DateTimeOffset Now => _now;

    // Inputs applied by Stage and not yet summed: each scope with whether only itself changed (a level).
    private readonly Dictionary<ScopeRef, bool> _staged = new();

    /// <summary>Applies one input and returns the scopes whose figures it changed (the scope and its ancestors).</summary>
    public IReadOnlyList<ScopeRef> Apply(HistoryEvent e)
    {
        if (!Record(e, out var scope, out var selfOnly)) return [];
        return Recompute(scope, selfOnly);
    }

    /// <summary>
    /// Applies one input without summing yet: <see cref="RecomputeStaged"/> then sums every scope the staged inputs
    /// touched once, children before parents. The inputs of one instant (an import's 60,000 starting states) are one
    /// change: summing a region after each of its units was most of the history projector's work during an import.
    /// </summary>
    public void Stage(HistoryEvent e)
    {
        if (Record(e, out var scope, out var selfOnly)) _staged[scope] = selfOnly && _staged.GetValueOrDefault(scope, true);
    }

    /// <summary>Sums what the inputs staged since the last call touched; returns those scopes.</summary>
    public IReadOnlyList<ScopeRef> RecomputeStaged()
    {
        if (_staged.Count == 0) return [];
        var scopes = _staged.SelectMany(s => s.Value ? new[] { s.Key } : catalog.SelfAndAncestors(s.Key)).ToHashSet().OrderByDescending(Depth).ToList();
        _staged.Clear();
        foreach (var scope in scopes) _summaries[scope] = Build(scope);
        return scopes;
    }

    // Keeps the input; false when it concerns a scope the territory does not know.
    private bool Record(HistoryEvent e, out ScopeRef scope, out bool selfOnly)
    {
        if (e.At > _now) _now = e.At;
        selfOnly = false;
        switch (e)
        {
            case UnitBedsEvent u:
                scope = new ScopeRef(ScopeKind.Unit, Identifiers.UnitKey(u.Finess, u.UnitId));
                if (!catalog.Contains(scope)) return false;
                var version = _units.TryGetValue(scope.Id, out var known) ? known.Version + 1 : 1;
                _units[scope.Id] = new UnitBedState(u.Beds, version, u.At, u.By);
                _staleAt.Enqueue((scope.Id, u.At), u.At + staleAfterOf(u.Finess) + TimeSpan.FromTicks(1));
                return true;
            case EmergencyEvent m:
                scope = new ScopeRef(ScopeKind.Establishment, m.Finess);
                if (!catalog.Contains(scope)) return false;
                _emergency[m.Finess] = m.Figures;
                return true;
            case LevelEvent l:
                scope = l.Scope;
                if (!catalog.Contains(scope)) return false;
                _levels[scope] = l;
                selfOnly = true;
                return true;
            default:
                scope = default;
                return false;
        }
    }

    /// <summary>
    /// Loads the inputs in force at <paramref name="at"/> (for replay: each unit's, establishment's and scope's
    /// last input) and computes every summary they touch once, children before parents. The same model as
    /// <see cref="Apply"/> of each input then <see cref="AdvanceTo"/>, without re-summing a region after each of
    /// its thousands of units (a national region's replay spent seconds there).
    /// </summary>
    public void Load(IEnumerable<HistoryEvent> inputs, DateTimeOffset at)
    {
        var touched = new HashSet<ScopeRef>();
        foreach (var e in inputs)
            if (Record(e, out var scope, out _)) touched.Add(scope);
        if (at > _now) _now = at;
        // Deadlines already passed are in the stale flags computed below, as AdvanceTo would have done.
        while (_staleAt.TryPeek(out _, out var deadline) && deadline <= _now) _staleAt.Dequeue();
        var scopes = touched.SelectMany(catalog.SelfAndAncestors).ToHashSet();
        foreach (var scope in scopes.OrderByDescending(Depth)) _summaries[scope] = Build(scope);
    }

    private int Depth(ScopeRef scope) => catalog.SelfAndAncestors(scope).Count();

    /// <summary>
    /// The next moment at or before <paramref name="until"/> when a unit turns stale, if any; the caller
    /// advances to it with <see cref="AdvanceTo"/> so that the change falls in the right bucket.
    /// </summary>
    public DateTimeOffset? NextStaleAt(DateTimeOffset until)
    {
        while (_staleAt.TryPeek(out var entry, out var at))
        {
            if (_units.TryGetValue(entry.Key, out var s) && s.UpdatedAt == entry.UpdatedAt) return at <= until ? at : null;
            _staleAt.Dequeue(); // updated since: that deadline no longer holds
        }
        return null;
    }

    /// <summary>Moves the clock to <paramref name="t"/> and returns the scopes whose stale count changed.</summary>
    public IReadOnlyList<ScopeRef> AdvanceTo(DateTimeOffset t)
    {
        if (t > _now) _now = t;
        var changed = new List<ScopeRef>();
        while (_staleAt.TryPeek(out var entry, out var at) && at <= t)
        {
            _staleAt.Dequeue();
            if (!_units.TryGetValue(entry.Key, out var s) || s.UpdatedAt != entry.UpdatedAt) continue;
            foreach (var scope in Recompute(new ScopeRef(ScopeKind.Unit, entry.Key)))
                if (!changed.Contains(scope)) changed.Add(scope);
        }
        return changed;
    }

    public bool Knows(ScopeRef scope) => _summaries.ContainsKey(scope);

    /// <summary>The scope's summary as of the model's clock (null before its first input); with children when asked.</summary>
    public Summary? SummaryOf(ScopeRef scope, bool withChildren = false)
    {
        if (!_summaries.TryGetValue(scope, out var summary)) return null;
        if (!withChildren) return summary;
        var children = catalog.ChildrenOf(scope).Select(c => _summaries.GetValueOrDefault(c)).OfType<Summary>().ToList();
        return summary with { Children = children };
    }

    public ScopeValues? ValuesOf(ScopeRef scope) => _summaries.TryGetValue(scope, out var s) ? ScopeValues.Of(s) : null;

    public LevelEvent? LevelOf(ScopeRef scope) => _levels.GetValueOrDefault(scope);

    private IReadOnlyList<ScopeRef> Recompute(ScopeRef from, bool selfOnly = false)
    {
        var changed = new List<ScopeRef>(5);
        foreach (var scope in catalog.SelfAndAncestors(from))
        {
            _summaries[scope] = Build(scope);
            changed.Add(scope);
            if (selfOnly) break;
        }
        return changed;
    }

    private Summary Build(ScopeRef scope)
    {
        if (scope.Kind == ScopeKind.Unit)
        {
            var (finess, unitId) = Identifiers.SplitUnitKey(scope.Id);
            return SummaryMath.ForUnit(finess, catalog.Unit(finess, unitId)!, _units[scope.Id], _now, staleAfterOf(finess));
        }
        var children = catalog.ChildrenOf(scope).Select(c => _summaries.GetValueOrDefault(c)).OfType<Summary>();
        EmergencyFigures? own = scope.Kind == ScopeKind.Establishment ? _emergency.GetValueOrDefault(scope.Id) : null;
        var summed = SummaryMath.Aggregate(scope.Kind, scope.Id, catalog.NameOf(scope) ?? scope.Id,
            catalog.ParentOf(scope)?.Id, children, own, revision: 0);
        var level = _levels.GetValueOrDefault(scope);
        return summed with { ComputedLevel = level?.ComputedLevel ?? 0, DeclaredLevel = level?.DeclaredLevel };
    }
}
