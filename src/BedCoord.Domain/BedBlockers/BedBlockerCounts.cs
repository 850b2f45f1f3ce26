namespace BedCoord.Domain.BedBlockers;

/// <summary>
/// What a register contributes to a summary: its line count, by awaited destination and by days waiting
/// (0–2, 3–7, 8–30, &gt;30). Aggregates sum their establishments' registers.
/// </summary>
public static class BedBlockerCounts
{
    public const string Register = "register";
    public const string Declared = "declared";
    public const string Mixed = "mixed";

    public static readonly IReadOnlyList<string> WaitBuckets = ["0-2", "3-7", "8-30", ">30"];

    public static string WaitBucket(DateOnly since, DateOnly today) => (today.DayNumber - since.DayNumber) switch
    {
        <= 2 => "0-2",
        <= 7 => "3-7",
        <= 30 => "8-30",
        _ => ">30",
    };

    /// <summary>Counts per destination, every destination present (0 when none) so that readers see the whole list.</summary>
    public static Dictionary<string, int> ByDestination(IEnumerable<BedBlockerLine> lines)
    {
        var counts = BedBlockerDestinations.All.ToDictionary(d => d.Code, _ => 0, StringComparer.Ordinal);
        foreach (var line in lines) counts[line.Destination] = counts.GetValueOrDefault(line.Destination) + 1;
        return counts;
    }

    public static Dictionary<string, int> ByWait(IEnumerable<BedBlockerLine> lines, DateOnly today)
    {
        var counts = WaitBuckets.ToDictionary(b => b, _ => 0, StringComparer.Ordinal);
        foreach (var line in lines) counts[WaitBucket(line.Since, today)]++;
        return counts;
    }

    /// <summary>Sums dictionaries of counts (children's), keeping every key seen.</summary>
    public static Dictionary<string, int> Sum(IEnumerable<IReadOnlyDictionary<string, int>?> parts, IReadOnlyList<string> keys)
    {
        var sum = keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        foreach (var part in parts)
            if (part is not null)
                foreach (var (k, v) in part) sum[k] = sum.GetValueOrDefault(k) + v;
        return sum;
    }

    /// <summary>An aggregate's source: register when every establishment under it keeps one, declared when none does.</summary>
    public static string? SourceOf(IEnumerable<string?> children)
    {
        var sources = children.Where(s => s is not null).Distinct().ToList();
        return sources.Count switch { 0 => null, 1 => sources[0], _ => Mixed };
    }
}
