using System.Net;
using BedCoord.Testing;
using Npgsql;

namespace BedCoord.Server.Tests;

/// <summary>
/// Two silos on one PostgreSQL; the one computing history is killed with SIGKILL in the middle of a minute
/// while a bed manager keeps writing. Once the survivor has taken the projection over, every minute holds
/// exactly what was acknowledged in it (none lost), and the establishment above the unit is not counted twice.
/// </summary>
public sealed class HistoryFailoverTests(PostgresFixture postgres)
{
    // The service id stays the seeded demo's: a copy of it holds its grains' state under that id.
    private static Dictionary<string, string> Settings => new(UnthrottledServerFixture.Unthrottled) { ["Cluster:Clustering"] = "adonet" };

    /// <summary>One write: the occupied count sent, when it was sent and answered (client clock), whether it was acknowledged.</summary>
    private sealed record Attempt(int Occupied, DateTimeOffset Sent, DateTimeOffset Answered, bool Acknowledged);

    [Fact]
    public async Task Killing_the_silo_that_computes_history_mid_minute_loses_and_doubles_no_bucket()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var ct = TestContext.Current.CancellationToken;
        var db = await postgres.CreateSeededDatabaseAsync();
        await using var a = await ServerProcess.StartAsync(db, Settings);
        await using var b = await ServerProcess.StartAsync(db, Settings);
        var projector = await Eventually.ValueAsync(() => Task.FromResult(new[] { a, b }.FirstOrDefault(s => s.Log.Contains("History projection starts"))),
            s => s is not null, TimeSpan.FromSeconds(30));
        Assert.NotNull(projector); // null when neither silo started the history projection within 30 s
        var survivor = projector == a ? b : a;

        using var manager = await survivor.ClientAsync("supervisor", region: "OCC");
        var finess = (await manager.GetJsonAsync("/api/departments/46")).GetProperty("children")[0].GetProperty("id").GetString()!;
        var unitId = (await manager.GetJsonAsync($"/api/establishments/{finess}")).GetProperty("children")[0].GetProperty("id").GetString()!;
        var path = $"/api/establishments/{finess}/units/{unitId}/beds";

        // Kill early in a minute and write until it ends: the minute holds writes acknowledged by both silos'
        // projections' eras (before the kill, and after the survivor took the unit and the projection over).
        var now = DateTimeOffset.UtcNow;
        var killAt = now.AddSeconds(8);
        if (killAt.Second > 30) killAt = Floor(now).AddMinutes(1).AddSeconds(8); // leave the survivor time to write in it
        var killMinute = Floor(killAt);
        var end = killMinute.AddMinutes(1);
        var attempts = new List<Attempt>();
        var killed = false;
        for (var n = 1; DateTimeOffset.UtcNow < end; n++)
        {
            if (!killed && DateTimeOffset.UtcNow >= killAt) { projector.Kill(); killed = true; output.WriteLine($"killed {projector.BaseAddress} at {DateTimeOffset.UtcNow:O}"); }
            // Keep clear of minute boundaries so the client's clock tells which minute each write belongs to.
            var sec = DateTimeOffset.UtcNow.Second + DateTimeOffset.UtcNow.Millisecond / 1000.0;
            if (sec < 1.5 || sec > 58.5) { await Task.Delay(200, ct); continue; }
            var occupied = n % 37;
            var sent = DateTimeOffset.UtcNow;
            bool ok;
            try
            {
                using var r = await manager.PutJsonAsync(path, Json.Beds(40, 0, 0, occupied, 0, 0));
                ok = r.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException) { ok = false; }
            catch (TaskCanceledException) { ok = false; }
            attempts.Add(new Attempt(occupied, sent, DateTimeOffset.UtcNow, ok));
            await Task.Delay(ok ? 300 : 500, ct);
        }
        Assert.True(killed);
        Assert.Contains(attempts, x => x.Acknowledged && x.Sent > killAt && x.Answered < end); // the survivor wrote in the kill minute
        output.WriteLine($"{attempts.Count(x => x.Acknowledged)} writes acknowledged, {attempts.Count(x => !x.Acknowledged)} not");

        // The survivor takes the projection over and closes the minutes written.
        var unitScope = $"unit:{finess}/{unitId}";
        var estScope = $"establishment:{finess}";
        var processedTo = await Eventually.ValueAsync(() => Db.ScalarAsync<DateTime>(db,
                "SELECT COALESCE((SELECT processed_to FROM bedcoord_history_cursor WHERE name = 'projector'), '2000-01-01Z'::timestamptz)"),
            t => t >= end.UtcDateTime, TimeSpan.FromSeconds(90));
        Assert.True(processedTo >= end.UtcDateTime, $"history stopped at {processedTo:O} after the kill");
        var unitRows = await MinutesAsync(db, unitScope, killMinute.AddMinutes(-1), end);
        var estRows = await MinutesAsync(db, estScope, killMinute.AddMinutes(-1), end);

        var problems = new List<string>();
        int? previousEnd = null;
        for (var minute = killMinute.AddMinutes(-1); minute < end; minute = minute.AddMinutes(1))
        {
            var inMinute = attempts.Where(x => x.Sent >= minute && x.Answered < minute.AddMinutes(1)).ToList();
            var acked = inMinute.Where(x => x.Acknowledged).Select(x => 40 - x.Occupied).ToList();
            if (acked.Count == 0) continue;
            if (!unitRows.TryGetValue(minute, out var row)) { problems.Add($"{minute:HH:mm}: no bucket for {acked.Count} acknowledged writes"); continue; }
            // The end value is the last acknowledged write's, or a later attempt whose answer was lost with the silo.
            var lastAcked = inMinute.FindLastIndex(x => x.Acknowledged);
            var allowed = inMinute.Skip(lastAcked).Select(x => 40 - x.Occupied).ToHashSet();
            if (!allowed.Contains(row.Available)) problems.Add($"{minute:HH:mm}: ends at {row.Available}, expected one of {string.Join(",", allowed)}");
            var low = Math.Min(acked.Min(), previousEnd ?? int.MaxValue);
            var high = Math.Max(acked.Max(), previousEnd ?? int.MinValue);
            if (row.Min > low || row.Max < high) problems.Add($"{minute:HH:mm}: range {row.Min}-{row.Max} misses {low}-{high}");
            previousEnd = row.Available;
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // The rest of the establishment did not move: its total minus this unit is the same in every minute.
        var others = unitRows.Keys.Intersect(estRows.Keys).Select(m => estRows[m].Available - unitRows[m].Available).Distinct().ToList();
        Assert.True(others.Count == 1, $"the establishment's other units changed or were counted twice: {string.Join(",", others)}");
        Assert.True(unitRows.Count >= 1, $"only {unitRows.Count} minute buckets");
    }

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    private sealed record Bucket(int Available, int Min, int Max);

    private static async Task<Dictionary<DateTimeOffset, Bucket>> MinutesAsync(string db, string scope, DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT bucket, installed + surge - closed - occupied - reserved, available_min, available_max
            FROM bedcoord_history_m1 WHERE scope = $1 AND bucket >= $2 AND bucket < $3
            """, connection);
        cmd.Parameters.AddWithValue(scope);
        cmd.Parameters.AddWithValue(from);
        cmd.Parameters.AddWithValue(to);
        var rows = new Dictionary<DateTimeOffset, Bucket>();
        await using var reader = await cmd.ExecuteReaderAsync();
        // Duplicate keys would throw here: a bucket stored twice is a failure too.
        while (await reader.ReadAsync())
            rows.Add(reader.GetFieldValue<DateTimeOffset>(0), new Bucket(reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3)));
        return rows;
    }
}
