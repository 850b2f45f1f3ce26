using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Tests.Tension;

/// <summary>Builds establishment-like summaries from a few categories, as the aggregation would.</summary>
internal static class TestSummary
{
    public static BedFigures Figures(int open, int occupied, int reserved = 0) => new(open, 0, 0, occupied, reserved, 0);

    public static Summary Of(params (string Category, BedFigures Beds)[] categories) => With(null, 0, 0, Freshness.None, categories);

    public static Summary With(BjmlFigures? bjml, int edWaiting, int blockers, Freshness freshness, params (string Category, BedFigures Beds)[] categories)
    {
        var cats = new Dictionary<string, BedFigures>();
        var groups = new Dictionary<string, BedFigures>();
        var total = BedFigures.Zero;
        foreach (var (code, beds) in categories)
        {
            var group = BedCategory.Get(code).Group;
            cats[code] = cats.TryGetValue(code, out var c) ? c + beds : beds;
            groups[group] = groups.TryGetValue(group, out var g) ? g + beds : beds;
            total += beds;
        }
        return new Summary(ScopeKind.Establishment, "310781406", "CHU Test", "31", 0, null, null, total, groups, cats,
            edWaiting, blockers, bjml, freshness, DateTimeOffset.UnixEpoch, 1);
    }

    /// <summary>An MCO occupancy of exactly occupied/100.</summary>
    public static Summary Mco(int occupiedOfHundred) => Of(("MED", Figures(100, occupiedOfHundred)));
}
