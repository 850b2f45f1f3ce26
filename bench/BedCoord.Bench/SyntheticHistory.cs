using System.Diagnostics;
using System.Globalization;
using System.Text;
using BedCoord.Domain.History;
using BedCoord.Domain.Territory;
using BedCoord.Persistence.History;
using Npgsql;
using NpgsqlTypes;

namespace BedCoord.Bench;

/// <summary>
/// A past for the national territory, written straight into PostgreSQL because computing it through the API
/// and the projector at this scale would take hours on this machine:
/// - the input log: `unit.beds` rows in bedcoord_audit (binary COPY, in time order as the server writes them),
///   a starting state for every unit at the start, then writes at random instants; replay (`?at=`) reads these;
/// - the derived series: rows of the 1 h and 1 day tiers for every region, sector, département and
///   establishment over the whole window, and of the 1 min tier over the last hours (INSERT … SELECT from
///   generate_series). These rows are plausible figures (a daily cycle around each scope's installed beds),
///   not the projection of the audit rows above: the bench measures reading them, not their values.
/// </summary>
public static class SyntheticHistory
{
    public const string Actor = "bench-history";

    public static async Task<long> WriteAuditAsync(string connectionString, IReadOnlyList<UnitRef> units, DateTimeOffset from,
        DateTimeOffset to, int writesPerUnit, int seed)
    {
        var sw = Stopwatch.StartNew();
        var rng = new Random(seed);
        var installed = units.Select(_ => rng.Next(10, 61)).ToArray();
        var previous = new string?[units.Count];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        long rows = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY bedcoord_audit (at, actor, role, action, scope_kind, scope_id, before, after, request_id) FROM STDIN (FORMAT BINARY)"))
        {
            copy.Timeout = TimeSpan.FromHours(1);
            async Task Row(DateTimeOffset at, int u)
            {
                var after = Beds(rng, installed[u]);
                await copy.StartRowAsync();
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(Actor, NpgsqlDbType.Text);
                await copy.WriteAsync("bed_manager", NpgsqlDbType.Text);
                await copy.WriteAsync(InputLog.UnitBeds, NpgsqlDbType.Text);
                await copy.WriteAsync("unit", NpgsqlDbType.Text);
                await copy.WriteAsync(Identifiers.UnitKey(units[u].Finess, units[u].UnitId), NpgsqlDbType.Text);
                if (previous[u] is { } before) await copy.WriteAsync(before, NpgsqlDbType.Jsonb); else await copy.WriteNullAsync();
                await copy.WriteAsync(after, NpgsqlDbType.Jsonb);
                await copy.WriteNullAsync();
                previous[u] = after;
                rows++;
            }
            // Every unit's starting state, a millisecond apart, then the writes spread over the window.
            for (var u = 0; u < units.Count; u++) await Row(from.AddMilliseconds(u), u);
            var total = (long)units.Count * writesPerUnit;
            var start = from.AddMilliseconds(units.Count);
            var span = (to - start).Ticks;
            for (long k = 0; k < total; k++)
                await Row(start.AddTicks((long)(span * (k + rng.NextDouble()) / total)), rng.Next(units.Count));
            await copy.CompleteAsync();
        }
        await using (var analyze = new NpgsqlCommand("ANALYZE bedcoord_audit", connection) { CommandTimeout = 600 })
            await analyze.ExecuteNonQueryAsync();
        Console.WriteLine($"[history-data] bedcoord_audit: {rows:N0} unit.beds rows from {from:yyyy-MM-dd HH:mm} to {to:yyyy-MM-dd HH:mm} UTC " +
            $"({units.Count:N0} starting states + {writesPerUnit} writes per unit on average) by binary COPY in {sw.Elapsed.TotalSeconds:F0} s");
        return rows;
    }

    // The unit's figures as the audit trail stores them (BedFigures serialised with its derived fields).
    private static string Beds(Random rng, int installed)
    {
        var closed = rng.Next(0, installed / 8 + 1);
        var open = installed - closed;
        var occupied = (int)(open * (0.70 + 0.3 * rng.NextDouble()));
        var reserved = rng.Next(0, Math.Min(2, open - occupied) + 1);
        var discharges = rng.Next(0, open / 6 + 1);
        var available = open - occupied - reserved;
        var rate = open == 0 ? "null" : ((double)occupied / open).ToString("R", CultureInfo.InvariantCulture);
        return new StringBuilder(200).Append("{\"installed\":").Append(installed).Append(",\"closed\":").Append(closed)
            .Append(",\"surge\":0,\"occupied\":").Append(occupied).Append(",\"reserved\":").Append(reserved)
            .Append(",\"expectedDischarges\":").Append(discharges).Append(",\"open\":").Append(open)
            .Append(",\"available\":").Append(available).Append(",\"occupancyRate\":").Append(rate).Append('}').ToString();
    }

    /// <summary>Rows of the 1 h and 1 day tiers over [from, to) and of the 1 min tier over [minuteFrom, to).</summary>
    public static async Task WriteTiersAsync(string connectionString, IReadOnlyList<ScopeTotals> scopes, DateTimeOffset from,
        DateTimeOffset minuteFrom, DateTimeOffset to)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        var partitions = new HistoryPartitions(db);
        var hourFrom = Step.Hour.Floor(from);
        var hourTo = Step.Hour.Floor(to);
        var dayFrom = Step.Day.Floor(from);
        var dayTo = Step.Day.Floor(to);
        var minFrom = Step.Minute.Floor(minuteFrom);
        var minTo = Step.Minute.Floor(to);
        await partitions.EnsureAsync(Step.Hour, hourFrom, hourTo);
        await partitions.EnsureAsync(Step.Day, dayFrom, dayTo);
        await partitions.EnsureAsync(Step.Minute, minFrom, minTo);
        // Buckets strictly before `to`: the projector owns everything from the server's start on.
        await InsertAsync(db, "bedcoord_history_h1", scopes, "generate_series($4::timestamptz, $5::timestamptz - interval '1 hour', interval '1 hour')", hourFrom, hourTo);
        await InsertAsync(db, "bedcoord_history_d1", scopes,
            "(SELECT (d AT TIME ZONE 'Europe/Paris') FROM generate_series(($4::timestamptz AT TIME ZONE 'Europe/Paris')::date::timestamp, " +
            "($5::timestamptz AT TIME ZONE 'Europe/Paris')::date::timestamp - interval '1 day', interval '1 day') d)", dayFrom, dayTo);
        await InsertAsync(db, "bedcoord_history_m1", scopes, "generate_series($4::timestamptz, $5::timestamptz - interval '1 minute', interval '1 minute')", minFrom, minTo);
        await using var analyze = db.CreateCommand("ANALYZE bedcoord_history_h1; ANALYZE bedcoord_history_d1; ANALYZE bedcoord_history_m1");
        analyze.CommandTimeout = 600;
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task InsertAsync(NpgsqlDataSource db, string table, IReadOnlyList<ScopeTotals> scopes, string buckets,
        DateTimeOffset from, DateTimeOffset to)
    {
        var sw = Stopwatch.StartNew();
        // A daily cycle of occupancy (peak mid-afternoon) with per-bucket noise from a hash, so reruns give the same rows.
        var sql = $"""
            INSERT INTO {table} (scope, bucket, installed, closed, surge, occupied, reserved, expected_discharges,
                available_min, available_max, available_post_ed, ed_waiting, bed_blockers, units, stale_units,
                level, computed_level, declared_level, level_max, computed_max, declared_max)
            SELECT scope, b, i, i / 25, 0, occ, i / 200, i / 12,
                   i - i / 25 - occ - i / 200 - i / 100, i - i / 25 - occ - i / 200 + i / 100, (i - i / 25 - occ - i / 200) / 4,
                   (u / 20.0 * (1.2 + sin(ph)))::int, u / 40, u, 0, lvl, lvl, NULL, lvl, lvl, NULL
            FROM (
                SELECT scope, b, i, u, ph, lvl, least(i - i / 25, ((i - i / 25) * r)::int) AS occ
                FROM (
                    SELECT s.scope, b, s.i, s.u, ph,
                           0.84 + 0.07 * sin(ph) + 0.05 * (abs(hashtext(s.scope || b::text)) % 1000) / 1000.0 AS r,
                           (CASE WHEN sin(ph) > 0.9 THEN 2 WHEN sin(ph) > 0.5 THEN 1 ELSE 0 END)::smallint AS lvl
                    FROM unnest($1::text[], $2::int[], $3::int[]) AS s(scope, i, u)
                    CROSS JOIN LATERAL {buckets} AS g(b)
                    CROSS JOIN LATERAL (SELECT 2 * pi() * (extract(epoch FROM b) / 86400.0 - 0.375)) AS p(ph)
                ) x
            ) y
            ON CONFLICT (scope, bucket) DO NOTHING
            """;
        long rows = 0;
        foreach (var chunk in scopes.Chunk(500))
        {
            await using var cmd = db.CreateCommand(sql);
            cmd.CommandTimeout = 1800;
            cmd.Parameters.AddWithValue(chunk.Select(s => s.Scope.ToString()).ToArray());
            cmd.Parameters.AddWithValue(chunk.Select(s => s.Installed).ToArray());
            cmd.Parameters.AddWithValue(chunk.Select(s => s.Units).ToArray());
            cmd.Parameters.AddWithValue(from);
            cmd.Parameters.AddWithValue(to);
            rows += await cmd.ExecuteNonQueryAsync();
        }
        Console.WriteLine($"[history-data] {table}: {rows:N0} rows for {scopes.Count:N0} scopes from {from:yyyy-MM-dd HH:mm} to {to:yyyy-MM-dd HH:mm} UTC in {sw.Elapsed.TotalSeconds:F0} s");
    }
}
