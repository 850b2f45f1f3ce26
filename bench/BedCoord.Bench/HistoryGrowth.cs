using System.Collections.Concurrent;
using System.Diagnostics;
using BedCoord.Domain.History;
using Npgsql;

namespace BedCoord.Bench;

/// <summary>
/// `history-growth`: how much the input log and the history tiers grow at 100 acknowledged updates a second
/// on the national territory. Sizes (pg_total_relation_size: heap, indexes, TOAST, summed over partitions) are
/// taken before and after N minutes of load, the "after" once the projector has caught up with the last
/// input; the difference is extrapolated linearly to 24 h.
/// </summary>
public static class HistoryGrowth
{
    private static readonly string[] Tables = ["bedcoord_audit", "bedcoord_alerts", "bedcoord_history_m1", "bedcoord_history_h1", "bedcoord_history_d1"];

    public static async Task<int> RunAsync(NationalSize size, int minutes)
    {
        await using var stack = await Stack.StartPostgresAsync();
        var national = await NationalStack.StartAsync(stack, "bedcoord_history_growth", size);
        return await MeasureAsync(national, minutes);
    }

    public static async Task<int> MeasureAsync(NationalStack national, int minutes, double rate = 100)
    {
        var stack = national.Stack;
        await using var db = NpgsqlDataSource.Create(stack.ConnectionString!);
        // Let the projector absorb the import before the "before" sizes.
        await WaitProjectedAsync(db, DateTimeOffset.UtcNow);
        // Dead rows of the import's upserts are reclaimed first, so that they do not count as growth.
        foreach (var t in Tables)
        {
            await using var vacuum = db.CreateCommand($"VACUUM ANALYZE {t}");
            vacuum.CommandTimeout = 600;
            await vacuum.ExecuteNonQueryAsync();
        }
        var before = await SizesAsync(db);
        Console.WriteLine($"[history-growth] loadavg before: {Machine.LoadAverage()}; {rate}/s open loop for {minutes} min over {stack.Units.Count:N0} random units");

        var http = stack.Admin!;
        var ok = 0; var errors = 0; var kinds = new ConcurrentDictionary<string, int>();
        var inflight = new ConcurrentBag<Task>();
        var started = DateTimeOffset.UtcNow;
        var (fired, maxLag) = await OpenLoop.RunAsync(rate, TimeSpan.FromMinutes(minutes), i => inflight.Add(Task.Run(async () =>
        {
            var rng = Random.Shared;
            try
            {
                using var r = await http.SendAsync(Figures.Put(stack.Units[rng.Next(stack.Units.Count)], Figures.Random(rng)));
                if (r.IsSuccessStatusCode) Interlocked.Increment(ref ok);
                else { Interlocked.Increment(ref errors); kinds.AddOrUpdate(((int)r.StatusCode).ToString(), 1, (_, n) => n + 1); }
            }
            catch (Exception e) { Interlocked.Increment(ref errors); kinds.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1); }
        })));
        await Task.WhenAll(inflight);
        var ended = DateTimeOffset.UtcNow;
        var caughtUp = await WaitProjectedAsync(db, ended);
        var after = await SizesAsync(db);
        var seconds = (ended - started).TotalSeconds;
        Console.WriteLine($"[history-growth] {ok:N0} PUTs acknowledged in {seconds:F0} s = {ok / seconds:F1}/s (fired {fired}, errors {errors}{(kinds.IsEmpty ? "" : " " + string.Join(",", kinds.Select(kv => kv.Key + "×" + kv.Value)))}, max scheduler lag {maxLag:F0} ms); projector caught up {caughtUp:F0} s after the last PUT");
        Console.WriteLine($"[history-growth] table: rows +, bytes + over the window -> per day at this rate (x {86400 / seconds:F1}, linear)");
        long totalBytes = 0;
        foreach (var t in Tables)
        {
            var (rows0, bytes0) = before[t];
            var (rows1, bytes1) = after[t];
            var perDay = (bytes1 - bytes0) * 86400 / seconds;
            totalBytes += bytes1 - bytes0;
            Console.WriteLine($"[history-growth]   {t}: rows {rows0:N0} -> {rows1:N0} (+{rows1 - rows0:N0}), {Mib(bytes0)} -> {Mib(bytes1)} (+{Mib(bytes1 - bytes0)}) -> {perDay / 1024 / 1024:F0} MiB/day");
        }
        Console.WriteLine($"[history-growth]   all: +{Mib(totalBytes)} in {seconds:F0} s -> {totalBytes * 86400 / seconds / 1024 / 1024 / 1024:F2} GiB/day at {ok / seconds:F0} updates/s ({totalBytes / Math.Max(1.0, ok):F0} bytes per acknowledged update)");
        // A 1 h or 1 day row is rewritten in place until its bucket closes, so a window shorter than an hour
        // cannot show their rate. Bound instead: at 100 updates/s nearly every unit changes within an hour, so
        // at most every scope gets one 1 h row an hour and one 1 day row a day, at the table's bytes per row.
        var scopes = stack.Units.Count + national.Scopes.Count;
        foreach (var (t, perDay) in new[] { ("bedcoord_history_h1", 24), ("bedcoord_history_d1", 1) })
        {
            var (rows, bytes) = after[t];
            var perRow = rows == 0 ? 0 : (double)bytes / rows;
            Console.WriteLine($"[history-growth]   {t}: at most {scopes:N0} scopes x {perDay} rows/day x {perRow:F0} bytes/row (this table's average, indexes included) = {scopes * perDay * perRow / 1024 / 1024:F0} MiB/day (bound, not measured)");
        }
        Console.WriteLine("[history-growth]   the 1 min tier is kept 35 days (History:MinuteRetentionDays), then dropped by partition; audit, alerts, 1 h (66 months) and 1 day rows stay");
        Console.WriteLine($"[history-growth] loadavg after: {Machine.LoadAverage()}");
        return 0;
    }

    private static string Mib(long bytes) => $"{bytes / 1024.0 / 1024:F1} MiB";

    /// <summary>Waits until the projector's cursor passes the minute after <paramref name="t"/>; the seconds it took.</summary>
    private static async Task<double> WaitProjectedAsync(NpgsqlDataSource db, DateTimeOffset t)
    {
        var sw = Stopwatch.StartNew();
        var target = Step.Minute.Floor(t).AddMinutes(1);
        while (sw.Elapsed < TimeSpan.FromMinutes(10))
        {
            await using var cmd = db.CreateCommand("SELECT max(rolled_to) FROM bedcoord_history_cursor");
            if (await cmd.ExecuteScalarAsync() is DateTime rolled && new DateTimeOffset(rolled, TimeSpan.Zero) >= target) return sw.Elapsed.TotalSeconds;
            await Task.Delay(1000);
        }
        Console.WriteLine("[history-growth] WARNING: the projector did not catch up within 10 minutes");
        return sw.Elapsed.TotalSeconds;
    }

    private static async Task<Dictionary<string, (long Rows, long Bytes)>> SizesAsync(NpgsqlDataSource db)
    {
        var sizes = new Dictionary<string, (long, long)>();
        foreach (var t in Tables)
        {
            // A partitioned table has no storage of its own: sum its partitions (heap, indexes, TOAST of each).
            await using var cmd = db.CreateCommand($"""
                SELECT (SELECT count(*) FROM {t}),
                       CASE WHEN c.relkind = 'p' THEN (SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM pg_partition_tree(c.oid))
                            ELSE pg_total_relation_size(c.oid) END
                FROM pg_class c WHERE c.oid = '{t}'::regclass
                """);
            cmd.CommandTimeout = 600;
            await using var reader = await cmd.ExecuteReaderAsync();
            await reader.ReadAsync();
            sizes[t] = (reader.GetInt64(0), reader.GetInt64(1));
        }
        return sizes;
    }
}
