using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.History;

/// <summary>The figures of one scope that its history keeps, at one instant.</summary>
public sealed record ScopeValues(
    BedFigures Beds,
    int AvailablePostEd,
    int? EdWaitingForBed,
    int? BedBlockers,
    int Units,
    int StaleUnits,
    int? Level,
    int? ComputedLevel,
    int? DeclaredLevel)
{
    /// <summary>The values of a summary; units hold neither emergency figures nor levels.</summary>
    public static ScopeValues Of(Summary s)
    {
        var unit = s.Kind == ScopeKind.Unit;
        return new ScopeValues(s.Beds, SummaryMath.AvailablePostEd(s),
            unit ? null : s.EdWaitingForBed, unit ? null : s.BedBlockers,
            s.Freshness.Units, s.Freshness.StaleUnits,
            unit ? null : s.Level, unit ? null : s.ComputedLevel, unit ? null : s.DeclaredLevel);
    }
}
