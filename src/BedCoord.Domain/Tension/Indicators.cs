using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Tension;

/// <summary>
/// The indicators a rule can watch (domain.md §6), read from a scope's own aggregated summary.
/// Grammar: occupancyRate, occupancyRate:&lt;GROUP|CATEGORY&gt;, available, available:&lt;GROUP|CATEGORY&gt;,
/// bjmlCoverage, edWaitingForBed, bedBlockers, staleShare.
/// </summary>
public static class Indicators
{
    public const string OccupancyRate = "occupancyRate";
    public const string Available = "available";
    public const string BjmlCoverage = "bjmlCoverage";
    public const string EdWaitingForBed = "edWaitingForBed";
    public const string BedBlockers = "bedBlockers";
    public const string StaleShare = "staleShare";

    public const string Grammar =
        "occupancyRate, occupancyRate:<GROUPE|CATÉGORIE>, available, available:<GROUPE|CATÉGORIE>, bjmlCoverage, edWaitingForBed, bedBlockers, staleShare";

    public static bool IsKnown(string? indicator) => Parse(indicator) is not null;

    /// <summary>True for indicators that are fractions (0.95 = 95 %), false for counts of beds or patients.</summary>
    public static bool IsRate(string indicator) => Parse(indicator)?.Base is OccupancyRate or BjmlCoverage or StaleShare;

    /// <summary>True for rates bounded by 1 (occupancy, stale share); BJML coverage may exceed 1.</summary>
    public static bool IsFraction(string? indicator) => Parse(indicator)?.Base is OccupancyRate or StaleShare;

    /// <summary>
    /// Null when the scope has no such figure: the group or category is absent, it has no open beds,
    /// BJML is not computable, or the scope has no units.
    /// </summary>
    public static double? Value(string indicator, Summary summary)
    {
        if (Parse(indicator) is not { } parsed) return null;
        switch (parsed.Base)
        {
            case BjmlCoverage: return summary.Bjml?.Coverage;
            case EdWaitingForBed: return summary.EdWaitingForBed;
            case BedBlockers: return summary.BedBlockers;
            case StaleShare: return summary.Freshness.StaleShare;
        }
        var figures = Figures(summary, parsed.Part);
        if (figures is null || figures.Open <= 0) return null;
        return parsed.Base == OccupancyRate ? figures.OccupancyRate : figures.Available;
    }

    /// <summary>The French name shown in causes, e.g. "Taux d'occupation MCO".</summary>
    public static string Label(string indicator)
    {
        if (Parse(indicator) is not { } parsed) return indicator;
        var label = parsed.Base switch
        {
            OccupancyRate => "Taux d'occupation",
            Available => "Lits disponibles",
            BjmlCoverage => "Couverture du BJML",
            EdWaitingForBed => "Patients des urgences en attente d'un lit",
            BedBlockers => "Patients en attente d'aval",
            StaleShare => "Part d'unités non à jour",
            _ => indicator,
        };
        return parsed.Part is null ? label : $"{label} {parsed.Part}";
    }

    private static BedFigures? Figures(Summary summary, string? part)
    {
        if (part is null) return summary.Beds;
        // Groups SMR, PSY... hold the one category of the same name, so looking at the group first loses nothing.
        if (BedGroups.All.Contains(part)) return summary.Groups.GetValueOrDefault(part);
        return summary.Categories.GetValueOrDefault(part);
    }

    private sealed record Parsed(string Base, string? Part);

    private static Parsed? Parse(string? indicator)
    {
        if (string.IsNullOrEmpty(indicator)) return null;
        var colon = indicator.IndexOf(':');
        if (colon < 0)
            return indicator is OccupancyRate or Available or BjmlCoverage or EdWaitingForBed or BedBlockers or StaleShare
                ? new Parsed(indicator, null) : null;
        var head = indicator[..colon];
        var part = indicator[(colon + 1)..];
        if (head is not (OccupancyRate or Available)) return null;
        return BedGroups.All.Contains(part) || BedCategory.TryGet(part, out _) ? new Parsed(head, part) : null;
    }
}
