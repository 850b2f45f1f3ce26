using System.Globalization;
using System.Text.RegularExpressions;
using BedCoord.Domain.Bjml;
using BedCoord.Domain.History;

namespace BedCoord.Domain.Report;

/// <summary>
/// An ISO week as the meeting reads it: Monday 00:00 to the next Monday 00:00 in Europe/Paris (a DST week
/// lasts 167 or 169 hours), and its census instants (08:00 and 15:00 Paris on each of its days).
/// </summary>
public static partial class ReportWeek
{
    public static readonly TimeOnly MorningCensus = new(8, 0);
    public static readonly TimeOnly AfternoonCensus = new(15, 0);

    public static DateTimeOffset Start(IsoWeek week) => Steps.ParisMidnight(week.Days()[0]);
    public static DateTimeOffset End(IsoWeek week) => Steps.ParisMidnight(week.Days()[6].AddDays(1));

    public static IsoWeek Containing(DateTimeOffset t) =>
        IsoWeek.Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, Steps.Paris).DateTime));

    /// <summary>The week <paramref name="weeks"/> weeks after (or before, when negative) this one.</summary>
    public static IsoWeek Shift(IsoWeek week, int weeks) => IsoWeek.Of(week.Days()[0].AddDays(7 * weeks));

    /// <summary>The same ISO week a year earlier; none when that year has no such week (week 53).</summary>
    public static IsoWeek? SameWeekLastYear(IsoWeek week)
    {
        var last = week with { Year = week.Year - 1 };
        return last.Exists ? last : null;
    }

    /// <summary>"2026-W48" (the ISO 8601 week form, as in the report's URL); also accepts "2026-w48" and "2026W48".</summary>
    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        if (text is null) return false;
        var m = WeekPattern().Match(text.Trim());
        if (!m.Success) return false;
        week = new IsoWeek(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        return week.Exists;
    }

    [GeneratedRegex(@"^(\d{4})-?[Ww](\d{2})$")]
    private static partial Regex WeekPattern();
}
