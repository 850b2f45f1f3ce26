namespace BedCoord.Domain.Maturity;

/// <summary>
/// How a set of establishments' latest scores spread: how many have one, mean, quartiles (linear interpolation)
/// and counts per 20-point band. Figures are null when no establishment of the set has a score.
/// </summary>
public sealed record MaturityDistribution(
    int Establishments,
    int Answered,
    double? Mean,
    double? Min,
    double? Q1,
    double? Median,
    double? Q3,
    double? Max,
    IReadOnlyList<int> Bands)
{
    public static readonly string[] BandLabels = ["0–20 %", "20–40 %", "40–60 %", "60–80 %", "80–100 %"];

    /// <param name="scores">One entry per establishment of the set: its latest score, or null when it has none.</param>
    public static MaturityDistribution Of(IReadOnlyCollection<double?> scores)
    {
        var values = scores.Where(s => s is not null).Select(s => s!.Value).Order().ToList();
        var bands = new int[BandLabels.Length];
        foreach (var v in values) bands[Math.Clamp((int)(v / 20), 0, bands.Length - 1)]++;
        if (values.Count == 0) return new MaturityDistribution(scores.Count, 0, null, null, null, null, null, null, bands);
        return new MaturityDistribution(scores.Count, values.Count, Math.Round(values.Average(), 1), values[0],
            Quantile(values, 0.25), Quantile(values, 0.5), Quantile(values, 0.75), values[^1], bands);
    }

    private static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        var position = p * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return Math.Round(sorted[low] + (sorted[high] - sorted[low]) * (position - low), 1);
    }
}
