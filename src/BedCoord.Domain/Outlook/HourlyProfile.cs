using BedCoord.Domain.History;

namespace BedCoord.Domain.Outlook;

/// <summary>
/// How a day's movements (admissions or discharges) fall over the 24 hours of the day in Europe/Paris:
/// one share per hour, summing to 1. Learnt from a scope's hourly history when there is enough of it,
/// otherwise a documented default (docs/OUTLOOK.md).
/// </summary>
public sealed record HourlyProfile(IReadOnlyList<double> Shares, string Source, int Days, int Movements)
{
    public const string Learnt = "historique";
    public const string Default = "défaut";

    /// <summary>How far back the profile looks: four weeks weigh every weekday alike and follow the season.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(28);

    /// <summary>Fewer days with movements than this and the profile is the default one.</summary>
    public const int MinDays = 7;

    /// <summary>
    /// Weight of the default profile in a learnt one, in movements: a sparse scope (a small establishment)
    /// borrows its shape from the default instead of promising that nobody ever arrives at 03:00.
    /// </summary>
    public const double PriorMovements = 24;

    // Post-emergency admissions reach the wards mostly from late morning to late evening (ED arrivals peak
    // around 11:00 and 18:00, a bed is found a few hours later), few at night.
    private static readonly double[] AdmissionWeights =
        [2, 2, 1.5, 1.5, 1, 1, 1, 1.5, 2, 3, 4, 5, 6, 6, 6.5, 6.5, 6.5, 6, 6, 5.5, 5, 4, 3, 2.5];

    // Discharges happen after the morning round, mostly 10:00-18:00, almost none at night.
    private static readonly double[] DischargeWeights =
        [0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 1, 3, 6, 9, 10, 9, 9, 8, 7, 5, 3, 1.5, 0.8, 0.5, 0.3, 0.2];

    public static readonly HourlyProfile DefaultAdmissions = FromWeights(AdmissionWeights, Default, 0, 0);
    public static readonly HourlyProfile DefaultDischarges = FromWeights(DischargeWeights, Default, 0, 0);

    public double ShareOf(int parisHour) => Shares[parisHour];

    /// <summary>
    /// The admission profile (hourly occupancy increases) and the discharge profile (hourly decreases) of a
    /// scope, from its 1-hour rows that ended by <paramref name="at"/> within <see cref="Window"/>. A row's
    /// change against the row before it happened in the row's hour (rows are stored only when something changed).
    /// </summary>
    public static (HourlyProfile Admissions, HourlyProfile Discharges) Learn(IReadOnlyList<HistoryRow> rows, DateTimeOffset at)
    {
        var up = new double[24];
        var down = new double[24];
        var upDays = new HashSet<DateOnly>();
        var downDays = new HashSet<DateOnly>();
        var since = at - Window;
        HistoryRow? previous = null;
        foreach (var row in rows.OrderBy(r => r.Bucket))
        {
            if (row.Bucket.AddHours(1) > at) break; // not over yet at `at`: the future, for a backtest
            if (previous is not null && row.Bucket >= since)
            {
                var delta = row.End.Beds.Occupied - previous.End.Beds.Occupied;
                var local = TimeZoneInfo.ConvertTime(row.Bucket, Steps.Paris);
                if (delta > 0) { up[local.Hour] += delta; upDays.Add(DateOnly.FromDateTime(local.DateTime)); }
                if (delta < 0) { down[local.Hour] -= delta; downDays.Add(DateOnly.FromDateTime(local.DateTime)); }
            }
            previous = row;
        }
        return (Blend(up, upDays.Count, DefaultAdmissions), Blend(down, downDays.Count, DefaultDischarges));
    }

    private static HourlyProfile Blend(double[] counts, int days, HourlyProfile prior)
    {
        var total = counts.Sum();
        if (days < MinDays || total <= 0) return prior with { Days = days, Movements = (int)total };
        var shares = new double[24];
        for (var h = 0; h < 24; h++) shares[h] = (counts[h] + PriorMovements * prior.Shares[h]) / (total + PriorMovements);
        return new HourlyProfile(shares, Learnt, days, (int)total);
    }

    private static HourlyProfile FromWeights(double[] weights, string source, int days, int movements)
    {
        var total = weights.Sum();
        return new HourlyProfile(weights.Select(w => w / total).ToArray(), source, days, movements);
    }

    /// <summary>A profile from raw weights (tests, and callers that know their own shape).</summary>
    public static HourlyProfile Of(IReadOnlyList<double> weights, string source = Default)
    {
        if (weights.Count != 24 || weights.Any(w => w < 0) || weights.Sum() <= 0)
            throw new ArgumentException("24 non-negative weights, not all zero.", nameof(weights));
        return FromWeights(weights.ToArray(), source, 0, 0);
    }

    /// <summary>
    /// Running sums of the profile over whole hours from <paramref name="firstHour"/> (on an hour boundary):
    /// element j is the weight of [firstHour, firstHour + j h), so any hour-aligned span is one subtraction.
    /// </summary>
    public double[] Cumulative(DateTimeOffset firstHour, int hours)
    {
        var sums = new double[hours + 1];
        for (var j = 0; j < hours; j++)
            sums[j + 1] = sums[j] + ShareOf(TimeZoneInfo.ConvertTime(firstHour.AddHours(j), Steps.Paris).Hour);
        return sums;
    }

    /// <summary>
    /// The profile's weight over [from, to): each UTC hour piece counts its Paris hour's share times the part
    /// of the hour it covers, so a 25-hour day counts its repeated hour twice and a 23-hour day skips one.
    /// </summary>
    public double Weight(DateTimeOffset from, DateTimeOffset to)
    {
        var weight = 0.0;
        var t = from.ToUniversalTime();
        while (t < to)
        {
            var hourEnd = Step.Hour.Floor(t).AddHours(1);
            var pieceEnd = hourEnd < to ? hourEnd : to;
            weight += ShareOf(TimeZoneInfo.ConvertTime(t, Steps.Paris).Hour) * (pieceEnd - t).TotalHours;
            t = pieceEnd;
        }
        return weight;
    }
}
