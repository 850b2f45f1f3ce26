using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using Npgsql;
using NpgsqlTypes;

namespace BedCoord.Persistence.History;

/// <summary>Writes and reads the per-scope series. Writes are upserts that overwrite: rerunning a minute is harmless.</summary>
public sealed class HistoryStore(NpgsqlDataSource db, HistoryPartitions partitions)
{
    public const string ProjectorName = "projector";

    private const string Columns = "scope, bucket, installed, closed, surge, occupied, reserved, expected_discharges, " +
        "available_min, available_max, available_post_ed, ed_waiting, bed_blockers, units, stale_units, " +
        "level, computed_level, declared_level, level_max, computed_max, declared_max";

    private static readonly string Overwrite = string.Join(", ", Columns.Split(", ").Skip(2).Select(c => $"{c} = EXCLUDED.{c}"));

    public HistoryPartitions Partitions => partitions;

    public async Task<(DateTimeOffset ProcessedTo, DateTimeOffset? RolledTo)?> CursorAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT processed_to, rolled_to FROM bedcoord_history_cursor WHERE name = $1");
        cmd.Parameters.AddWithValue(ProjectorName);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>
    /// Stores the minute rows and moves the cursor from <paramref name="expectedFrom"/> to <paramref name="processedTo"/>
    /// in one transaction: a crash leaves either both or neither. False (nothing written) when the cursor is no
    /// longer where this projector left it: someone rewound it, and the projector must start again from there.
    /// </summary>
    public async Task<bool> WriteMinutesAsync(IReadOnlyList<HistoryRow> rows, DateTimeOffset expectedFrom, DateTimeOffset processedTo, CancellationToken ct = default)
    {
        if (rows.Count > 0) await partitions.EnsureAsync(Step.Minute, rows.Min(r => r.Bucket), rows.Max(r => r.Bucket), ct);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (rows.Count > 0) await UpsertAsync(connection, rows, ct);
        await using (var cursor = new NpgsqlCommand("""
            INSERT INTO bedcoord_history_cursor (name, processed_to) VALUES ($1, $2)
            ON CONFLICT (name) DO UPDATE SET processed_to = EXCLUDED.processed_to WHERE bedcoord_history_cursor.processed_to = $3
            """, connection, tx))
        {
            cursor.Parameters.AddWithValue(ProjectorName);
            cursor.Parameters.AddWithValue(processedTo);
            cursor.Parameters.AddWithValue(expectedFrom);
            if (await cursor.ExecuteNonQueryAsync(ct) != 1) { await tx.RollbackAsync(ct); return false; }
        }
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Moves the cursor back so the projector recomputes from there (inputs written in the past: a back-fill).</summary>
    public async Task RewindAsync(DateTimeOffset to, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO bedcoord_history_cursor (name, processed_to, rolled_to) VALUES ($1, $2, $2)
            ON CONFLICT (name) DO UPDATE SET processed_to = LEAST(bedcoord_history_cursor.processed_to, EXCLUDED.processed_to),
                                             rolled_to = LEAST(bedcoord_history_cursor.rolled_to, EXCLUDED.rolled_to)
            """);
        cmd.Parameters.AddWithValue(ProjectorName);
        cmd.Parameters.AddWithValue(Step.Minute.Floor(to));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task UpsertAsync(NpgsqlConnection connection, IReadOnlyList<HistoryRow> rows, CancellationToken ct)
    {
        await using (var stage = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS history_stage (LIKE bedcoord_history_m1 INCLUDING DEFAULTS) ON COMMIT DELETE ROWS", connection))
            await stage.ExecuteNonQueryAsync(ct);
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY history_stage ({Columns}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var r in rows)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(r.Scope, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(r.Bucket, NpgsqlDbType.TimestampTz, ct);
                var b = r.End.Beds;
                foreach (var v in new[] { b.Installed, b.Closed, b.Surge, b.Occupied, b.Reserved, b.ExpectedDischarges, r.AvailableMin, r.AvailableMax, r.End.AvailablePostEd })
                    await copy.WriteAsync(v, NpgsqlDbType.Integer, ct);
                await Nullable(copy, r.End.EdWaitingForBed, NpgsqlDbType.Integer, ct);
                await Nullable(copy, r.End.BedBlockers, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(r.End.Units, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(r.End.StaleUnits, NpgsqlDbType.Integer, ct);
                foreach (var v in new[] { r.End.Level, r.End.ComputedLevel, r.End.DeclaredLevel, r.LevelMax, r.ComputedMax, r.DeclaredMax })
                    await Nullable<short>(copy, v is null ? null : (short)v.Value, NpgsqlDbType.Smallint, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await using var merge = new NpgsqlCommand(
            $"INSERT INTO bedcoord_history_m1 ({Columns}) SELECT {Columns} FROM history_stage ON CONFLICT (scope, bucket) DO UPDATE SET {Overwrite}",
            connection);
        await merge.ExecuteNonQueryAsync(ct);
    }

    private static Task Nullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    /// <summary>
    /// Recomputes the 1 h buckets of [from, to) from the 1 min ones and the Paris days touching them from the
    /// 1 h ones: end values of the last row, widest range, highest levels. Rerunning gives the same rows.
    /// </summary>
    public async Task RollUpAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var hourFrom = Step.Hour.Floor(from);
        var dayFrom = Step.Day.Floor(from);
        var dayTo = Step.Day.Next(Step.Day.Floor(to));
        await partitions.EnsureAsync(Step.Hour, hourFrom, to, ct);
        await partitions.EnsureAsync(Step.Day, dayFrom, dayTo, ct);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await RollAsync(connection, "bedcoord_history_m1", "bedcoord_history_h1", "date_trunc('hour', bucket)", hourFrom, to, ct);
        await RollAsync(connection, "bedcoord_history_h1", "bedcoord_history_d1",
            "(date_trunc('day', bucket AT TIME ZONE 'Europe/Paris') AT TIME ZONE 'Europe/Paris')", dayFrom, dayTo, ct);
        await using (var cursor = new NpgsqlCommand("UPDATE bedcoord_history_cursor SET rolled_to = GREATEST(COALESCE(rolled_to, $2), $2) WHERE name = $1", connection, tx))
        {
            cursor.Parameters.AddWithValue(ProjectorName);
            cursor.Parameters.AddWithValue(to);
            await cursor.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task RollAsync(NpgsqlConnection connection, string source, string target, string bucketExpr,
        DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        string Last(string c) => $"(array_agg({c} ORDER BY bucket DESC))[1]";
        var sql = $"""
            INSERT INTO {target} ({Columns})
            SELECT scope, {bucketExpr} AS b,
                   {Last("installed")}, {Last("closed")}, {Last("surge")}, {Last("occupied")}, {Last("reserved")}, {Last("expected_discharges")},
                   min(available_min), max(available_max), {Last("available_post_ed")}, {Last("ed_waiting")}, {Last("bed_blockers")},
                   {Last("units")}, {Last("stale_units")}, {Last("level")}, {Last("computed_level")}, {Last("declared_level")},
                   max(level_max), max(computed_max), max(declared_max)
            FROM {source}
            WHERE bucket >= $1 AND bucket < $2
            GROUP BY scope, b
            ON CONFLICT (scope, bucket) DO UPDATE SET {Overwrite}
            """;
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        cmd.Parameters.AddWithValue(from);
        cmd.Parameters.AddWithValue(to);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The scope's rows of a tier in [from, to], preceded by the last row before from (to carry it forward).</summary>
    public async Task<IReadOnlyList<HistoryRow>> ReadAsync(Step step, string scope, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var table = HistoryTier.Table(step);
        await using var cmd = db.CreateCommand($"""
            (SELECT {Columns} FROM {table} WHERE scope = $1 AND bucket < $2 ORDER BY bucket DESC LIMIT 1)
            UNION ALL
            (SELECT {Columns} FROM {table} WHERE scope = $1 AND bucket >= $2 AND bucket <= $3 ORDER BY bucket)
            """);
        cmd.Parameters.AddWithValue(scope);
        cmd.Parameters.AddWithValue(step.Floor(from));
        cmd.Parameters.AddWithValue(to);
        var rows = new List<HistoryRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) rows.Add(Read(reader));
        rows.Sort((a, b) => a.Bucket.CompareTo(b.Bucket));
        return rows;
    }

    private static HistoryRow Read(NpgsqlDataReader r)
    {
        int? N(int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
        int? S(int i) => r.IsDBNull(i) ? null : r.GetInt16(i);
        var beds = new BedFigures(r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7));
        var end = new ScopeValues(beds, r.GetInt32(10), N(11), N(12), r.GetInt32(13), r.GetInt32(14), S(15), S(16), S(17));
        return new HistoryRow(r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), end, r.GetInt32(8), r.GetInt32(9), S(18), S(19), S(20));
    }
}
