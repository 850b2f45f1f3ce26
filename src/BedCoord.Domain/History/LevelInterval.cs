namespace BedCoord.Domain.History;

/// <summary>A stretch of time at one effective level, with why it began (api-v1 levels).</summary>
public sealed record LevelInterval(DateTimeOffset From, DateTimeOffset? To, int Level, int ComputedLevel, int? DeclaredLevel, string Cause)
{
    /// <summary>The intervals from the level changes (oldest first), the one in force at <paramref name="from"/> included.</summary>
    public static IReadOnlyList<LevelInterval> Of(IReadOnlyList<LevelEvent> changes)
    {
        var intervals = new List<LevelInterval>(changes.Count);
        for (var i = 0; i < changes.Count; i++)
        {
            var c = changes[i];
            intervals.Add(new LevelInterval(c.At, i + 1 < changes.Count ? changes[i + 1].At : null, c.Level, c.ComputedLevel, c.DeclaredLevel, c.Cause));
        }
        return intervals;
    }

    /// <summary>Seconds spent at each level within [from, to), for reports (a day of 23 or 25 hours included).</summary>
    public static Dictionary<int, double> SecondsPerLevel(IReadOnlyList<LevelInterval> intervals, DateTimeOffset from, DateTimeOffset to, Func<LevelInterval, int> levelOf)
    {
        var seconds = new Dictionary<int, double>();
        foreach (var i in intervals)
        {
            var start = i.From > from ? i.From : from;
            var end = i.To is { } t && t < to ? t : to;
            if (end <= start) continue;
            seconds[levelOf(i)] = seconds.GetValueOrDefault(levelOf(i)) + (end - start).TotalSeconds;
        }
        return seconds;
    }
}
