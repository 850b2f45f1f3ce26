namespace BedCoord.Domain.Bjml;

/// <summary>BJML, besoin journalier minimal en lits (domain.md §7, circulaire DGOS/R2/2019/235).</summary>
public static class BjmlCalculator
{
    public const int MinSamples = 14;
    public const int ReferenceYears = 3;
    public const double Percentile = 0.25;

    /// <summary>
    /// The BJML for the ISO week of <paramref name="date"/>: the 25th percentile of the daily post-emergency
    /// admissions of the same ISO week in the three previous ISO years. Days without a count are not samples.
    /// </summary>
    /// <remarks>
    /// When week W does not exist in a past year (week 53 of a long year, the past year being short), that
    /// year gives no days rather than borrowing week 52 or week 1 of the next year: those are other seasons
    /// of the calendar, and the rule speaks of "the same ISO week". Long years are 5 or 6 years apart, so
    /// week 53 never has two reference years and its BJML is never computable; the reason says so.
    /// </remarks>
    public static BjmlResult Compute(DateOnly date, IReadOnlyDictionary<DateOnly, int> dailyCounts, RpuQuality? quality = null)
    {
        var week = IsoWeek.Of(date);
        var samples = new List<int>(7 * ReferenceYears);
        var missingWeek = new List<int>();
        for (var back = 1; back <= ReferenceYears; back++)
        {
            var past = week with { Year = week.Year - back };
            if (!past.Exists) missingWeek.Add(past.Year);
            foreach (var day in past.Days())
                if (dailyCounts.TryGetValue(day, out var count)) samples.Add(count);
        }

        if (quality is { Sufficient: false })
            return NotComputable(date, week, samples.Count,
                "Qualité des RPU signalée insuffisante pour cet établissement" + (quality.Note is { } note ? $" : {note}" : ""));
        if (samples.Count < MinSamples)
        {
            var years = string.Join(", ", Enumerable.Range(1, ReferenceYears).Select(b => week.Year - b));
            var reason = $"Seulement {samples.Count} jour(s) d'admissions connus pour la semaine {week.Week} des années {years} ; il en faut au moins {MinSamples}";
            if (missingWeek.Count > 0)
                reason += $" (la semaine {week.Week} n'existe pas en {string.Join(", ", missingWeek)})";
            return NotComputable(date, week, samples.Count, reason);
        }

        var value = (int)Math.Round(Percentile25(samples), MidpointRounding.AwayFromZero);
        return new BjmlResult(date, week.Year, week.Week, value, samples.Count, true, null);
    }

    /// <summary>
    /// 25th percentile with linear interpolation between closest ranks (Excel PERCENTILE.INC, R type 7):
    /// rank h = (n − 1) p on the sorted samples, then x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
    /// </summary>
    public static double Percentile25(IReadOnlyCollection<int> samples)
    {
        if (samples.Count == 0) throw new ArgumentException("No samples.", nameof(samples));
        var sorted = samples.Order().ToArray();
        var h = (sorted.Length - 1) * Percentile;
        var low = (int)Math.Floor(h);
        if (low + 1 >= sorted.Length) return sorted[low];
        return sorted[low] + (h - low) * (sorted[low + 1] - sorted[low]);
    }

    private static BjmlResult NotComputable(DateOnly date, IsoWeek week, int samples, string reason) =>
        new(date, week.Year, week.Week, null, samples, false, reason);
}
