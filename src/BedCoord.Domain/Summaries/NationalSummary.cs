using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Summaries;

/// <summary>
/// The national scope: every region summed the way a region sums its sectors (beds, groups, categories,
/// emergency figures, BJML, freshness). There are no national thresholds, so its level is the highest
/// level of its regions (declared or computed), never one of its own.
/// </summary>
public static class NationalSummary
{
    public const string Id = "FR";
    public const string Name = "France";

    public static Summary Sum(IReadOnlyList<Summary> regions)
    {
        var summed = SummaryMath.Aggregate(ScopeKind.Nation, Id, Name, null, regions, null, revision: 0);
        var highest = regions.Count == 0 ? 0 : regions.Max(r => r.Level);
        // Revision: the sum of the regions' own, so that any region's change makes a newer national summary.
        return summed with
        {
            ComputedLevel = highest,
            Revision = regions.Sum(r => r.Revision),
            Children = regions.Select(r => r.Children is null ? r : r with { Children = null }).ToList(),
        };
    }
}
