using BedCoord.Domain.History;
using Npgsql;

namespace BedCoord.Persistence.History;

/// <summary>
/// Creates the history partitions ahead of the data and drops those past retention. Dropping a partition
/// is instant and leaves no dead rows to vacuum, which a DELETE of millions of rows would not.
/// </summary>
public sealed class HistoryPartitions(NpgsqlDataSource db)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>Makes sure every partition of the tier between the two instants exists.</summary>
    public async Task EnsureAsync(Step step, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var t = from;
        while (true)
        {
            var (start, end, suffix) = HistoryTier.PartitionOf(step, t);
            var name = $"{HistoryTier.Table(step)}_{suffix}";
            if (_known.Add(name))
            {
                // Concurrent silos may race to create the same partition: IF NOT EXISTS plus a retry on the
                // duplicate-name error keeps it harmless.
                try
                {
                    await using var cmd = db.CreateCommand(
                        $"SET lock_timeout = '5s'; CREATE TABLE IF NOT EXISTS {name} PARTITION OF {HistoryTier.Table(step)} " +
                        $"FOR VALUES FROM ('{start:O}') TO ('{end:O}')");
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                catch (PostgresException e) when (e.SqlState is "42P07" or "23505") { }
                catch { _known.Remove(name); throw; }
            }
            if (end > to) return;
            t = end;
        }
    }

    /// <summary>Drops the tier's partitions that end before <paramref name="cutoff"/>; returns their names.</summary>
    public async Task<IReadOnlyList<string>> DropBeforeAsync(Step step, DateTimeOffset cutoff, CancellationToken ct = default)
    {
        var parent = HistoryTier.Table(step);
        var dropped = new List<string>();
        await using (var list = db.CreateCommand("""
            SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
            WHERE p.relname = $1
            """))
        {
            list.Parameters.AddWithValue(parent);
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var name = reader.GetString(0);
                var suffix = name[(parent.Length + 1)..];
                if (PartitionEnd(step, suffix) is { } end && end <= cutoff) dropped.Add(name);
            }
        }
        foreach (var name in dropped)
        {
            await using var drop = db.CreateCommand($"SET lock_timeout = '5s'; DROP TABLE IF EXISTS {name}");
            await drop.ExecuteNonQueryAsync(ct);
            _known.Remove(name);
        }
        return dropped;
    }

    /// <summary>The names of the tier's partitions, oldest first.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(Step step, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
            WHERE p.relname = $1 ORDER BY c.relname
            """);
        cmd.Parameters.AddWithValue(HistoryTier.Table(step));
        var names = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names;
    }

    private static DateTimeOffset? PartitionEnd(Step step, string suffix)
    {
        var format = step switch { Step.Minute => "yyyyMMdd", Step.Hour => "yyyyMM", _ => "yyyy" };
        if (!DateTime.TryParseExact(suffix, format, null, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var start))
            return null;
        return HistoryTier.PartitionOf(step, new DateTimeOffset(start.AddHours(step == Step.Day ? 12 : 0), TimeSpan.Zero)).To;
    }
}
