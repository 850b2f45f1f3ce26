namespace BedCoord.Domain.History;

/// <summary>The three bucket sizes of history (api-v1 § History and replay) and how buckets are cut.</summary>
public enum Step { Minute, Hour, Day }

public static class Steps
{
    /// <summary>
    /// "About 2,000" points per answer: enough for twelve weeks at one hour (2,017 buckets, what a coordinator
    /// compares before a meeting), few enough to draw and send at once.
    /// </summary>
    public const int MaxPoints = 2200;

    /// <summary>Days and ISO weeks are those of the people reading the figures, whatever the server's zone.</summary>
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static string Name(this Step step) => step switch { Step.Minute => "1m", Step.Hour => "1h", _ => "1d" };

    public static bool TryParse(string? text, out Step step)
    {
        step = text switch { "1m" => Step.Minute, "1h" => Step.Hour, "1d" => Step.Day, _ => (Step)(-1) };
        return (int)step >= 0;
    }

    /// <summary>The tier a range is read from when the caller does not say: the finest that stays legible.</summary>
    public static Step ChooseFor(TimeSpan range) =>
        range <= TimeSpan.FromHours(6) ? Step.Minute : range <= TimeSpan.FromDays(60) ? Step.Hour : Step.Day;

    /// <summary>The start of the bucket holding <paramref name="t"/>; days start at midnight in Paris (23 h and 25 h days exist).</summary>
    public static DateTimeOffset Floor(this Step step, DateTimeOffset t)
    {
        var utc = t.ToUniversalTime();
        switch (step)
        {
            case Step.Minute: return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
            case Step.Hour: return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerHour, TimeSpan.Zero);
            default:
                var local = TimeZoneInfo.ConvertTime(utc, Paris);
                return ParisMidnight(DateOnly.FromDateTime(local.DateTime));
        }
    }

    /// <summary>The start of the bucket after the one starting at <paramref name="bucket"/>.</summary>
    public static DateTimeOffset Next(this Step step, DateTimeOffset bucket) => step switch
    {
        Step.Minute => bucket.AddMinutes(1),
        Step.Hour => bucket.AddHours(1),
        _ => ParisMidnight(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(bucket, Paris).DateTime).AddDays(1)),
    };

    /// <summary>Midnight of a Paris calendar day, in UTC.</summary>
    public static DateTimeOffset ParisMidnight(DateOnly day) => ParisTime(day, TimeOnly.MinValue);

    /// <summary>A Paris wall-clock time of a day, in UTC (census hours: 08:00, 15:00).</summary>
    public static DateTimeOffset ParisTime(DateOnly day, TimeOnly time)
    {
        var wall = day.ToDateTime(time, DateTimeKind.Unspecified);
        // Midnight and the census hours are never inside the spring-forward gap in Paris (02:00-03:00).
        return new DateTimeOffset(wall, Paris.GetUtcOffset(wall)).ToUniversalTime();
    }

    /// <summary>How many buckets of this step from the bucket holding <paramref name="from"/> to the one holding <paramref name="to"/>.</summary>
    public static long Count(this Step step, DateTimeOffset from, DateTimeOffset to) => step switch
    {
        Step.Minute => (long)((step.Floor(to) - step.Floor(from)).TotalMinutes) + 1,
        Step.Hour => (long)((step.Floor(to) - step.Floor(from)).TotalHours) + 1,
        _ => (long)Math.Round((step.Floor(to) - step.Floor(from)).TotalDays) + 1,
    };
}
