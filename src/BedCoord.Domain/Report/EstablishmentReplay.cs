using BedCoord.Domain.BedBlockers;
using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Report;

/// <summary>
/// The establishments of a département rebuilt from their inputs, for the report: the sums of
/// <see cref="SummaryMath"/> (per group, post-emergency categories), emergency figures and computed level, each
/// input re-summing only its own establishment. <see cref="GridModel"/> also re-sums the département, sector and
/// region on every input, which twelve weeks of a large département do not need.
/// </summary>
public sealed class EstablishmentReplay(TerritoryCatalog catalog, IReadOnlyCollection<string> finesses)
{
    private readonly HashSet<string> _finesses = new(finesses, StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, BedFigures>> _units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmergencyFigures> _emergency = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _levels = new(StringComparer.Ordinal);
    // Each change builds a new array, so that the samples taken before it keep the register as it was.
    private readonly Dictionary<string, BedBlockerLine[]> _registers = new(StringComparer.Ordinal);

    /// <summary>Applies an input; the establishment whose figures it changed, if one of ours.</summary>
    public string? Apply(HistoryEvent e)
    {
        switch (e)
        {
            case UnitBedsEvent u when _finesses.Contains(u.Finess) && catalog.Unit(u.Finess, u.UnitId) is not null:
                if (!_units.TryGetValue(u.Finess, out var units)) _units[u.Finess] = units = new(StringComparer.Ordinal);
                units[u.UnitId] = u.Beds;
                return u.Finess;
            case EmergencyEvent m when _finesses.Contains(m.Finess):
                _emergency[m.Finess] = m.Figures;
                return m.Finess;
            case BedBlockerLineEvent b when _finesses.Contains(b.Finess):
                var lines = _registers.GetValueOrDefault(b.Finess) ?? [];
                _registers[b.Finess] = b.Left ? lines.Where(x => x.Id != b.Line.Id).ToArray() : lines.Where(x => x.Id != b.Line.Id).Append(b.Line).ToArray();
                return b.Finess;
            case LevelEvent l when l.Scope.Kind == ScopeKind.Establishment && _finesses.Contains(l.Scope.Id):
                _levels[l.Scope.Id] = l.ComputedLevel;
                return l.Scope.Id;
            default:
                return null;
        }
    }

    /// <summary>The establishment's figures now, from <paramref name="at"/>; null before any of its units is known.</summary>
    public ReportSample? SampleOf(string finess, DateTimeOffset at)
    {
        if (!_units.TryGetValue(finess, out var units) || units.Count == 0) return null;
        var groups = new SortedDictionary<string, BedFigures>(StringComparer.Ordinal);
        var categories = new Dictionary<string, BedFigures>(StringComparer.Ordinal);
        foreach (var (unitId, beds) in units)
        {
            var category = BedCategory.Get(catalog.Unit(finess, unitId)!.Category);
            groups[category.Group] = groups.TryGetValue(category.Group, out var g) ? g + beds : beds;
            categories[category.Code] = categories.TryGetValue(category.Code, out var c) ? c + beds : beds;
        }
        var postEd = SummaryMath.PostEdCategories.Sum(c => categories.TryGetValue(c, out var f) ? Math.Max(0, f.Available) : 0);
        var emergency = _emergency.GetValueOrDefault(finess) ?? EmergencyFigures.Zero;
        // A register with lines is the source of the bed-blocker count, as SummaryMath.WithRegister does live.
        var register = _registers.GetValueOrDefault(finess) is { Length: > 0 } r ? r : null;
        return new ReportSample(at, groups, postEd, emergency.EdWaitingForBed, register?.Length ?? emergency.BedBlockers,
            _levels.GetValueOrDefault(finess), register);
    }
}
