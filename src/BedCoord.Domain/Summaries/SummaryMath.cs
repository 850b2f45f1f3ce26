using System.Runtime.InteropServices;
using BedCoord.Domain.BedBlockers;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Mobilisable;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Summaries;

/// <summary>Builds summaries: a unit's from its state, an aggregate's from its children's (domain.md §4).</summary>
public static class SummaryMath
{
    /// <summary>Categories whose available beds count as post-emergency beds for the BJML (domain.md §7).</summary>
    public static readonly IReadOnlyList<string> PostEdCategories = ["MED", "CHIR", "UHCD"];

    public static Summary ForUnit(string finess, UnitInfo unit, UnitBedState state, DateTimeOffset now, TimeSpan staleAfter)
    {
        var category = BedCategory.Get(unit.Category);
        var stale = state.IsStaleAt(now, staleAfter);
        return new Summary(
            ScopeKind.Unit, unit.Id, unit.Name, finess,
            ComputedLevel: 0, DeclaredLevel: null, Declaration: null,
            Beds: state.Beds,
            Groups: new Dictionary<string, BedFigures> { [category.Group] = state.Beds },
            Categories: new Dictionary<string, BedFigures> { [category.Code] = state.Beds },
            EdWaitingForBed: 0, BedBlockers: 0, Bjml: null,
            Freshness: UnitFreshness(state.Beds.Open, stale),
            UpdatedAt: state.UpdatedAt, Revision: state.Version,
            Category: category.Code, Version: state.Version, UpdatedBy: state.UpdatedBy, Stale: stale);
    }

    /// <summary>
    /// The same unit summary with its stale flag as of <paramref name="now"/>: units turn stale with time,
    /// without any update, and the establishment holding their summaries applies it.
    /// </summary>
    public static Summary Restale(Summary unit, DateTimeOffset now, TimeSpan staleAfter)
    {
        if (unit.Kind != ScopeKind.Unit) return unit;
        var stale = now - unit.UpdatedAt > staleAfter;
        return unit.Stale == stale ? unit : unit with { Stale = stale, Freshness = UnitFreshness(unit.Beds.Open, stale) };
    }

    private static Freshness UnitFreshness(int open, bool stale) => new(1, stale ? 1 : 0, stale ? 0 : open, open);

    /// <summary>
    /// Sums the children. Emergency figures are the establishment's own when given, else the children's sum;
    /// levels and BJML are left to the caller, which owns those rules.
    /// </summary>
    public static Summary Aggregate(ScopeKind kind, string id, string name, string? parentId,
        IEnumerable<Summary> children, EmergencyFigures? ownEmergency, long revision)
    {
        var beds = new BedSums();
        var groups = new Dictionary<string, BedSums>(StringComparer.Ordinal);
        var categories = new Dictionary<string, BedSums>(StringComparer.Ordinal);
        var freshness = Freshness.None;
        var emergency = EmergencyFigures.Zero;
        var bjml = new List<BjmlFigures>();
        var updatedAt = DateTimeOffset.MinValue;
        // Registers are kept by establishments; above them their counts are summed (units carry none).
        var registers = kind is ScopeKind.Unit or ScopeKind.Establishment ? null : new List<Summary>();

        foreach (var child in children)
        {
            registers?.Add(child);
            beds.Add(child.Beds);
            AddAll(groups, child.Groups);
            AddAll(categories, child.Categories);
            freshness += child.Freshness;
            emergency += new EmergencyFigures(child.EdWaitingForBed, child.BedBlockers);
            if (child.Bjml is not null) bjml.Add(child.Bjml);
            if (child.UpdatedAt > updatedAt) updatedAt = child.UpdatedAt;
        }
        emergency = ownEmergency ?? emergency;

        var summary = new Summary(kind, id, name, parentId,
            ComputedLevel: 0, DeclaredLevel: null, Declaration: null,
            Beds: beds.ToFigures(), Groups: Sorted(groups), Categories: Sorted(categories),
            EdWaitingForBed: emergency.EdWaitingForBed, BedBlockers: emergency.BedBlockers,
            Bjml: kind == ScopeKind.Establishment ? null : BjmlFigures.Sum(bjml),
            Freshness: freshness,
            UpdatedAt: updatedAt == DateTimeOffset.MinValue ? DateTimeOffset.UnixEpoch : updatedAt,
            Revision: revision);
        return registers is null ? summary : summary with
        {
            BedBlockersSource = BedBlockerCounts.SourceOf(registers.Select(c => c.BedBlockersSource)),
            BedBlockersByDestination = BedBlockerCounts.Sum(registers.Select(c => c.BedBlockersByDestination), BedBlockerDestinations.All.Select(d => d.Code).ToList()),
            BedBlockersByWait = BedBlockerCounts.Sum(registers.Select(c => c.BedBlockersByWait), BedBlockerCounts.WaitBuckets),
        };
    }

    /// <summary>
    /// An establishment's summary with its register applied: while the register has lines, its count is the
    /// establishment's bedBlockers (and feeds the tension rules); otherwise the declared figure stands.
    /// </summary>
    public static Summary WithRegister(Summary establishment, IReadOnlyCollection<BedBlockerLine>? register, DateOnly today) =>
        register is { Count: > 0 }
            ? establishment with
            {
                BedBlockers = register.Count, BedBlockersSource = BedBlockerCounts.Register,
                BedBlockersByDestination = BedBlockerCounts.ByDestination(register), BedBlockersByWait = BedBlockerCounts.ByWait(register, today),
            }
            : establishment with
            {
                BedBlockersSource = BedBlockerCounts.Declared,
                BedBlockersByDestination = BedBlockerCounts.ByDestination([]), BedBlockersByWait = BedBlockerCounts.ByWait([], today),
            };

    /// <summary>Available beds of the post-emergency categories.</summary>
    public static int AvailablePostEd(Summary summary) =>
        PostEdCategories.Sum(c => summary.Categories.TryGetValue(c, out var f) ? Math.Max(0, f.Available) : 0);

    // Every PUT re-sums four aggregates, so summing adds into mutable totals in place (no figure allocated per
    // child) and only the final totals become records; keys stay in ordinal order for stable JSON.
    private static void AddAll(Dictionary<string, BedSums> into, IReadOnlyDictionary<string, BedFigures> from)
    {
        foreach (var (key, figures) in from)
            CollectionsMarshal.GetValueRefOrAddDefault(into, key, out _).Add(figures);
    }

    private static Dictionary<string, BedFigures> Sorted(Dictionary<string, BedSums> sums)
    {
        var keys = sums.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        var sorted = new Dictionary<string, BedFigures>(keys.Length);
        foreach (var key in keys) sorted[key] = sums[key].ToFigures();
        return sorted;
    }

    private struct BedSums
    {
        private int _installed, _closed, _surge, _occupied, _reserved, _expectedDischarges;
        private MobilisableSums _mobilisable;

        public void Add(BedFigures f)
        {
            _installed += f.Installed; _closed += f.Closed; _surge += f.Surge;
            _occupied += f.Occupied; _reserved += f.Reserved; _expectedDischarges += f.ExpectedDischarges;
            _mobilisable.Add(f.Mobilisable);
        }

        public readonly BedFigures ToFigures() => new(_installed, _closed, _surge, _occupied, _reserved, _expectedDischarges,
            _mobilisable.ToFigures());
    }

    /// <summary>A stamp that always grows, even across restarts, so parents can drop out-of-order child summaries.</summary>
    public static long NextRevision(long previous, DateTimeOffset now) => Math.Max(previous + 1, now.UtcTicks);
}
