namespace BedCoord.Domain.History;

/// <summary>
/// Turns the stored buckets of a scope (only those where something changed) into one point per bucket:
/// a gap holds the previous bucket's end values, with a flat range and the level then in force.
/// </summary>
public static class SeriesFill
{
    /// <param name="rows">The scope's rows from the last one before <paramref name="from"/> to <paramref name="to"/>, oldest first.</param>
    /// <param name="live">The values in force now, for the bucket still open (null when the range ends in the past).</param>
    /// <param name="bjml">The BJML in force at a bucket (for coverage), when known.</param>
    public static IReadOnlyList<HistoryPoint> Fill(Step step, DateTimeOffset from, DateTimeOffset to,
        IReadOnlyList<HistoryRow> rows, ScopeValues? live, DateTimeOffset now, Func<DateTimeOffset, int?>? bjml = null)
    {
        var points = new List<HistoryPoint>();
        var first = step.Floor(from);
        var last = step.Floor(to);
        var openBucket = step.Floor(now);
        HistoryRow? carried = null;
        var i = 0;
        while (i < rows.Count && rows[i].Bucket < first) carried = rows[i++];

        for (var bucket = first; bucket <= last; bucket = step.Next(bucket))
        {
            HistoryRow? row = i < rows.Count && rows[i].Bucket == bucket ? rows[i++] : null;
            while (i < rows.Count && rows[i].Bucket < step.Next(bucket)) row = Merge(row, rows[i++]);
            if (bucket == openBucket && live is not null)
                row = Merge(row ?? Flat(carried, bucket), new HistoryRow("", bucket, live, live.Beds.Available, live.Beds.Available, live.Level, live.ComputedLevel, live.DeclaredLevel));
            row ??= Flat(carried, bucket);
            if (row is null) continue; // before the first known state: no point
            points.Add(ToPoint(row, bjml?.Invoke(step.Next(bucket))));
            carried = row;
        }
        return points;
    }

    private static HistoryRow? Flat(HistoryRow? previous, DateTimeOffset bucket) => previous is null ? null
        : new HistoryRow(previous.Scope, bucket, previous.End, previous.End.Beds.Available, previous.End.Beds.Available,
            previous.End.Level, previous.End.ComputedLevel, previous.End.DeclaredLevel);

    // Two rows in one bucket (the live state over the last stored minute): later end values, widest range.
    private static HistoryRow Merge(HistoryRow? a, HistoryRow b) => a is null ? b
        : b with
        {
            AvailableMin = Math.Min(a.AvailableMin, b.AvailableMin),
            AvailableMax = Math.Max(a.AvailableMax, b.AvailableMax),
            LevelMax = Max(a.LevelMax, b.LevelMax), ComputedMax = Max(a.ComputedMax, b.ComputedMax), DeclaredMax = Max(a.DeclaredMax, b.DeclaredMax),
        };

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static HistoryPoint ToPoint(HistoryRow row, int? bjml)
    {
        var v = row.End;
        return new HistoryPoint(row.Bucket, v.Beds.Open, v.Beds.Occupied, v.Beds.Available, row.AvailableMin, row.AvailableMax,
            v.Beds.OccupancyRate is { } r ? Math.Round(r, 4) : null, v.EdWaitingForBed, v.BedBlockers,
            bjml is > 0 ? Math.Round((double)v.AvailablePostEd / bjml.Value, 4) : null,
            v.Units == 0 ? null : Math.Round((double)v.StaleUnits / v.Units, 4),
            row.LevelMax, row.ComputedMax, row.DeclaredMax, v.AvailablePostEd);
    }
}
