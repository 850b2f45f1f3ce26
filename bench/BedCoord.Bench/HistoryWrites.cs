namespace BedCoord.Bench;

/// <summary>
/// `history-writes`: durable PUT/s with the history projector on and off, side by side in one run. Each round
/// is a fresh server on a fresh database of the same PostgreSQL, the demo territory, the same closed loop and
/// warm-up as `updates`; rounds alternate on, off, off, on... so neither setting always runs first.
/// `History:Enabled=false` turns off only the projector: the audit trail (the input log) is written either way.
/// </summary>
public static class HistoryWrites
{
    public static async Task<int> RunAsync(Options o, int rounds)
    {
        await using var stack = await Stack.StartPostgresAsync();
        var results = new Dictionary<bool, List<ClosedLoopResult>> { [true] = [], [false] = [] };
        for (var round = 0; round < rounds; round++)
        {
            // on, off | off, on | on, off ...
            foreach (var enabled in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                var label = enabled ? "on" : "off";
                await stack.StartServerAsync($"bedcoord_history_{label}_{round + 1}",
                    new Dictionary<string, string> { ["History:Enabled"] = enabled ? "true" : "false" });
                Console.WriteLine($"[history-writes] round {round + 1}, history {label}: loadavg before {Machine.LoadAverage()}");
                var r = await ClosedLoop.PutsAsync(stack.Server!, stack.Admin!, stack.Units, o);
                results[enabled].Add(r);
                Console.WriteLine($"[history-writes]   history {label}: 200/s = {r.Rate:F1} (ok={r.Ok}, errors={r.Errors}{r.ErrorSummary}); PUT latency {r.Latency.Describe()}");
                Console.WriteLine($"[history-writes]   history {label}: {r.Cpu}");
                if (enabled) Console.WriteLine($"[history-writes]   history {label}: projector rows {await ProjectedRowsAsync(stack)}");
                await stack.StopServerAsync();
            }
        }
        double Rate(bool on) => results[on].Sum(r => r.Ok) / results[on].Sum(r => r.Seconds);
        var ratio = Rate(true) / Rate(false);
        Console.WriteLine($"[history-writes] {o.Workers} workers, {o.WarmupSeconds} s warm-up, {o.MeasureSeconds} s measured per server, {rounds} round(s):");
        Console.WriteLine($"[history-writes]   history on : {Rate(true):F1} PUT/s ({string.Join(", ", results[true].Select(r => r.Rate.ToString("F1")))})");
        Console.WriteLine($"[history-writes]   history off: {Rate(false):F1} PUT/s ({string.Join(", ", results[false].Select(r => r.Rate.ToString("F1")))})");
        Console.WriteLine($"[history-writes]   on / off = {ratio:P1}  (target >= 95 %: {(ratio >= 0.95 ? "MET" : "MISSED")})");
        return 0;
    }

    // Evidence that the projector did run while the "on" server was measured.
    private static async Task<string> ProjectedRowsAsync(Stack stack)
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(stack.ConnectionString!);
        await using var cmd = db.CreateCommand("SELECT (SELECT count(*) FROM bedcoord_history_m1), (SELECT processed_to FROM bedcoord_history_cursor LIMIT 1)");
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"{reader.GetInt64(0)} minute rows, cursor at {(reader.IsDBNull(1) ? "-" : reader.GetFieldValue<DateTimeOffset>(1).ToString("HH:mm:ss"))} UTC";
    }
}
