using BedCoord.Domain.History;

namespace BedCoord.Domain.Outlook;

/// <summary>
/// How much of the expected net flow (discharges − BJML, spread by the profiles) actually showed in the scope's
/// available beds over the past four weeks, and how far off that left the outlook, per horizon. A scope whose
/// units announce discharges that are offset by admissions the BJML does not count (scheduled ones, transfers)
/// gets a factor below 1; the band is the past error, not a guess.
/// </summary>
/// <param name="Factors">k(h) per horizon in available(h) = available now + k(h) × (discharges(h) − admissions(h)):
/// one per horizon, since what shows after 6 h (the afternoon discharges) need not be what is left after a whole day.</param>
/// <param name="Spread">Root mean square error of the calibrated outlook per horizon over the window.</param>
/// <param name="Instants">How many past hours it was fitted on; 0 when not calibrated.</param>
public sealed record OutlookCalibration(IReadOnlyDictionary<int, double> Factors, IReadOnlyDictionary<int, double> Spread, int Instants)
{
    public static readonly OutlookCalibration None = new(new Dictionary<int, double>(), new Dictionary<int, double>(), 0);

    /// <summary>A factor stays in [0, 2]: no flow runs backwards, and past 2 the declared figures explain little.</summary>
    public const double MaxFactor = 2;

    /// <summary>Fewer past hours with a known state 24 h later than this (a week) and the outlook is not calibrated.</summary>
    public const int MinInstants = 7 * 24;

    public bool Calibrated => Instants > 0;

    /// <summary>The factor at a horizon: 1 (the flows as announced) when not calibrated.</summary>
    public double FactorAt(int horizon) => Factors.TryGetValue(horizon, out var k) ? k : 1;

    /// <summary>
    /// Fits the factor on every past hour t of <see cref="HourlyProfile.Window"/> before <paramref name="at"/> whose
    /// 24 h horizon had passed by <paramref name="at"/>: the outlook computed at t with the scope's state then
    /// (the same arithmetic, the BJML of now) against what the hourly history showed at t+6, 12 and 24 h.
    /// </summary>
    public static OutlookCalibration Learn(IReadOnlyList<HistoryRow> rows, DateTimeOffset at, int? bjml,
        HourlyProfile admissions, HourlyProfile discharges, IReadOnlyList<int> horizons)
    {
        var end = Step.Hour.Floor(at);
        var start = end - HourlyProfile.Window;
        var hours = (int)(end - start).TotalHours;
        // State at each hour boundary start+j: the end values of the last row whose hour was over by then.
        var available = new int?[hours + 1];
        var expected = new int?[hours + 1];
        var sorted = rows.OrderBy(r => r.Bucket).ToList();
        var next = 0;
        ScopeValues? current = null;
        for (var j = 0; j <= hours; j++)
        {
            var t = start.AddHours(j);
            while (next < sorted.Count && sorted[next].Bucket.AddHours(1) <= t) current = sorted[next++].End;
            available[j] = current?.Beds.Available;
            expected[j] = current?.Beds.ExpectedDischarges;
        }
        // Cumulative profile weights per hour from start, to 24 h past the last instant.
        var dischargeCum = discharges.Cumulative(start, hours + 24);
        var admissionCum = admissions.Cumulative(start, hours + 24);

        var samples = new List<(int Horizon, double X, double Y)>();
        var instants = 0;
        for (var i = 0; i + 24 <= hours; i++)
        {
            if (available[i] is not { } now || expected[i] is not { } ed || available[i + 24] is null) continue;
            instants++;
            var dDay = dischargeCum[i + 24] - dischargeCum[i];
            var aDay = admissionCum[i + 24] - admissionCum[i];
            foreach (var h in horizons)
            {
                if (h == 0 || available[i + h] is not { } then) continue;
                var x = ed * Share(dischargeCum[i + h] - dischargeCum[i], dDay) - (bjml ?? 0) * Share(admissionCum[i + h] - admissionCum[i], aDay);
                samples.Add((h, x, then - now));
            }
        }
        if (instants < MinInstants) return None;
        var factors = new Dictionary<int, double>();
        var spread = new Dictionary<int, double>();
        foreach (var g in samples.GroupBy(s => s.Horizon))
        {
            // Least squares through the origin: no flow expected, no change expected.
            var sxx = g.Sum(s => s.X * s.X);
            var k = sxx <= 0 ? 1 : Math.Clamp(g.Sum(s => s.X * s.Y) / sxx, 0, MaxFactor);
            factors[g.Key] = k;
            spread[g.Key] = Math.Sqrt(g.Average(s => Math.Pow(s.Y - k * s.X, 2)));
        }
        return new OutlookCalibration(factors, spread, instants);
    }

    private static double Share(double part, double whole) => whole <= 0 ? 0 : part / whole;
}
