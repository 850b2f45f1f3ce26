namespace BedCoord.Domain.Report;

/// <summary>
/// The weekly departmental meeting report (issue 9 item 4): the département's establishments grouped by their
/// main bed group, each with its week, its 12-week trend and its comparisons. Serialised as is into a frozen snapshot.
/// </summary>
public sealed record WeeklyReport(
    string Department,
    string DepartmentName,
    string Week,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<string> TrendWeeks,
    IReadOnlyList<ReportSection> Sections,
    IReadOnlyList<DeclarationSpan> Declarations,
    DepartmentTotals Totals);

/// <summary>Establishments whose main bed group (most installed beds) is <see cref="Group"/>: MCO, SMR, PSY, HAD or AUTRES.</summary>
public sealed record ReportSection(string Group, string Label, IReadOnlyList<EstablishmentReport> Establishments);

public sealed record EstablishmentReport(
    string Finess,
    string Name,
    bool EmergencyDepartment,
    WeekFigures Week,
    IReadOnlyList<DeclarationSpan> Declarations,
    IReadOnlyList<TrendPoint> Trend,
    WeekComparison VsPreviousWeek,
    WeekComparison VsLastYear);

/// <summary>One week of the 12-week series: post-emergency available beds at the 08:00 census (mean) against the BJML, and nuits brancard.</summary>
public sealed record TrendPoint(string Week, double? AvailablePostEd08, int? Bjml, int? NightsOnTrolley);

/// <summary>The headline figures of another week, to compare with this one; HasHistory false: "pas d'historique".</summary>
public sealed record WeekComparison(
    string? Week,
    bool HasHistory,
    double? Available08Mean,
    int? NightsOnTrolley,
    double? HoursBelowBjml,
    double? HoursInTension,
    int? EdWaitingPeak)
{
    public static WeekComparison None(string? week) => new(week, false, null, null, null, null, null);

    public static WeekComparison Of(WeekFigures f) => !f.HasHistory ? None(f.Week) : new(f.Week, true,
        f.Available08?.Mean, f.NightsOnTrolleyTotal, f.Bjml.HoursBelow,
        Math.Round(f.Levels.Where(l => l.Level >= Tension.TensionLevel.Tension).Sum(l => l.Hours), 1), f.EdWaitingPeak?.Value);
}

/// <summary>The département's sums: nuits brancard per day of the week and per week over 12 weeks, bed blockers at the week's end.</summary>
public sealed record DepartmentTotals(IReadOnlyList<DayCount> NightsOnTrolley, IReadOnlyList<TrendPoint> Trend, WeekComparison VsPreviousWeek, WeekComparison VsLastYear,
    BedBlockerWeek? BedBlockers = null);
