using BedCoord.Domain.Bjml;

namespace BedCoord.Domain.Demo;

/// <summary>What the demo imports for one emergency department: its daily admissions and, when flagged, its RPU quality.</summary>
public sealed record DemoAdmissionsSet(string Finess, IReadOnlyList<DailyCount> Counts, RpuQuality? Quality);

/// <summary>
/// Three years of plausible daily post-emergency admissions per emergency department, so that the demo's
/// BJML is computable, with a few establishments deliberately not: some opened their ED thirteen months ago
/// (one reference year: too few days), some have their RPU quality flagged insufficient. Deterministic for a
/// given day: the same establishment always gets the same series.
/// </summary>
public static class DemoAdmissions
{
    /// <summary>Every <see cref="Cycle"/>-th ED (by FINESS) is a recent one, and as many others have poor RPUs.</summary>
    public const int Cycle = 21;
    private const int RecentOffset = 5;
    private const int PoorRpuOffset = 14;
    public const int RecentMonths = 13;
    public const string PoorRpuNote = "mode de sortie non renseigné dans 18 % des RPU depuis septembre (donnée de démonstration)";

    // Mondays bring the weekend's patients; weekends admit less.
    private static readonly double[] ByDay = [0.94, 1.12, 1.03, 1.00, 0.98, 1.00, 0.93]; // Sunday first

    /// <param name="emergencyDepartments">FINESS and yearly ED attendances of each establishment with an ED.</param>
    /// <param name="today">The last imported day is the day before.</param>
    public static IReadOnlyList<DemoAdmissionsSet> For(IEnumerable<(string Finess, double AttendancesPerYear)> emergencyDepartments, DateOnly today)
    {
        var sets = new List<DemoAdmissionsSet>();
        var index = 0;
        foreach (var (finess, attendances) in emergencyDepartments.OrderBy(e => e.Finess, StringComparer.Ordinal))
        {
            var slot = index++ % Cycle;
            var first = slot == RecentOffset
                ? today.AddMonths(-RecentMonths)
                // A little more than three years, so that week W of year Y-3 is whole whatever the calendar.
                : today.AddYears(-BjmlCalculator.ReferenceYears).AddDays(-14);
            var quality = slot == PoorRpuOffset ? new RpuQuality(false, PoorRpuNote) : null;
            sets.Add(new DemoAdmissionsSet(finess, Daily(finess, attendances / 365.0, first, today), quality));
        }
        return sets;
    }

    /// <summary>Admissions after the ED, day by day from <paramref name="first"/> to the day before <paramref name="today"/>.</summary>
    public static IReadOnlyList<DailyCount> Daily(string finess, double attendancesPerDay, DateOnly first, DateOnly today)
    {
        var random = DemoRandom.For(finess, seed: 1219);
        // About one attendance in six is admitted; more in big hospitals that take the complex cases.
        var share = 0.13 + 0.06 * random.NextDouble() + (attendancesPerDay > 150 ? 0.04 : 0);
        var counts = new List<DailyCount>(today.DayNumber - first.DayNumber);
        for (var day = first; day < today; day = day.AddDays(1))
        {
            var mean = attendancesPerDay * share * Season(day) * ByDay[(int)day.DayOfWeek] * Trend(day, today);
            // Poisson-like scatter: a standard deviation of √mean.
            var count = (int)Math.Round(mean + Math.Sqrt(mean) * random.Normal());
            counts.Add(new DailyCount(day, Math.Clamp(count, 0, EdAdmissionsParser.MaxCount)));
        }
        return counts;
    }

    // Winter peaks in mid-January (respiratory epidemics), summer is quieter (except on the coast, ignored here).
    private static double Season(DateOnly day) => 1 + 0.12 * Math.Cos(2 * Math.PI * (day.DayOfYear - 15) / 365.25);

    // ED activity grows a little every year.
    private static double Trend(DateOnly day, DateOnly today) => 1 - 0.015 * (today.DayNumber - day.DayNumber) / 365.25;
}
