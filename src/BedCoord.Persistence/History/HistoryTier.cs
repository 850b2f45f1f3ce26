using BedCoord.Domain.History;

namespace BedCoord.Persistence.History;

/// <summary>The table and partition size of each step's tier.</summary>
public static class HistoryTier
{
    public static string Table(Step step) => step switch
    {
        Step.Minute => "bedcoord_history_m1",
        Step.Hour => "bedcoord_history_h1",
        _ => "bedcoord_history_d1",
    };

    /// <summary>Partition bounds holding <paramref name="t"/>: a UTC day, month or year.</summary>
    public static (DateTimeOffset From, DateTimeOffset To, string Suffix) PartitionOf(Step step, DateTimeOffset t)
    {
        var u = t.UtcDateTime;
        return step switch
        {
            Step.Minute => (Utc(u.Year, u.Month, u.Day), Utc(u.Year, u.Month, u.Day).AddDays(1), $"{u:yyyyMMdd}"),
            Step.Hour => (Utc(u.Year, u.Month, 1), Utc(u.Year, u.Month, 1).AddMonths(1), $"{u:yyyyMM}"),
            // Paris days start up to two hours before UTC midnight: a yearly UTC range still holds each one whole.
            _ => (Utc(u.AddHours(2).Year, 1, 1).AddHours(-2), Utc(u.AddHours(2).Year + 1, 1, 1).AddHours(-2), $"{u.AddHours(2):yyyy}"),
        };
    }

    private static DateTimeOffset Utc(int y, int m, int d) => new(y, m, d, 0, 0, 0, TimeSpan.Zero);
}
