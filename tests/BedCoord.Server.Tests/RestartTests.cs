using System.Net;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>
/// The server is stopped and started again: every unit state and every total is exactly as before. Each test starts on
/// a copy of the seeded demo (a restart already: the seed finds its work done), changes it, and restarts once more.
/// </summary>
public sealed class RestartTests(PostgresFixture postgres)
{
    private static readonly string[] Scopes = ["/api/regions/OCC", "/api/sectors/NORD", "/api/sectors/SUD", "/api/departments/12", "/api/establishments/120000039"];

    [Fact]
    public async Task A_clean_restart_keeps_every_state_and_total()
    {
        var db = await postgres.CreateSeededDatabaseAsync();
        Dictionary<string, string> before;
        await using (var first = await ServerProcess.StartAsync(db))
        {
            using var admin = await first.ClientAsync("admin");
            await UpdateSomeUnitsAsync(admin);
            before = await SnapshotAsync(admin);
            await first.StopAsync();
        }

        await using var second = await ServerProcess.StartAsync(db);
        using var viewer = await second.ClientAsync("viewer");
        Assert.Equal(before, await SnapshotAsync(viewer));
        // The fast path: after a clean stop the scopes served their stored sums without re-reading their children.
        Assert.Contains("previous shutdown was clean", second.Log);
    }

    [Fact]
    public async Task After_a_kill_every_acknowledged_update_is_there_and_totals_converge()
    {
        var db = await postgres.CreateSeededDatabaseAsync();
        Dictionary<string, string> before;
        await using (var first = await ServerProcess.StartAsync(db))
        {
            using var admin = await first.ClientAsync("admin");
            await UpdateSomeUnitsAsync(admin);
            before = await SnapshotAsync(admin);
            first.Kill();
        }

        await using var second = await ServerProcess.StartAsync(db);
        using var viewer = await second.ClientAsync("viewer");
        // Nothing stored after the kill is trusted: every scope re-reads its children.
        Assert.Contains("previous shutdown not known clean", second.Log);
        var after = await Eventually.ValueAsync(() => SnapshotAsync(viewer), s => s.SequenceEqual(before), TimeSpan.FromSeconds(20));
        Assert.True(before.SequenceEqual(after), string.Join("\n", before.Where(kv => after.GetValueOrDefault(kv.Key) != kv.Value)
            .Select(kv => $"{kv.Key}: before {kv.Value} after {after.GetValueOrDefault(kv.Key)}")));
    }

    [Fact]
    public async Task A_level_change_alerted_before_a_kill_is_not_alerted_again_after_it()
    {
        // Aggregates write their children's summaries behind (Grid:WriteBehindInterval, 10 s), but a level change
        // within a second: otherwise the restarted département would find its old level stored and alert once more.
        var db = await postgres.CreateSeededDatabaseAsync();
        DateTimeOffset since;
        string query;
        await using (var first = await ServerProcess.StartAsync(db))
        {
            using var supervisor = await first.ClientAsync("supervisor", region: "OCC");
            var establishment = (await supervisor.GetJsonAsync("/api/departments/48")).GetProperty("children")[0].GetProperty("id").GetString();
            Assert.Equal(HttpStatusCode.OK, (await supervisor.PutJsonAsync($"/api/establishments/{establishment}/emergency", """{"edWaitingForBed":0,"bedBlockers":0}""")).StatusCode);
            var rules = """{"staleAfter":"12:00:00","rules":[{"indicator":"edWaitingForBed","direction":"above","thresholds":[5,10,20],"hysteresis":2}]}""";
            Assert.Equal(HttpStatusCode.OK, (await supervisor.PutJsonAsync("/api/departments/48/thresholds", rules)).StatusCode);
            // A change below every threshold first: the département writes its state once, so the level change below
            // falls inside the interval in which children's summaries alone would not be written again.
            Assert.Equal(HttpStatusCode.OK, (await supervisor.PutJsonAsync($"/api/establishments/{establishment}/emergency", """{"edWaitingForBed":1,"bedBlockers":0}""")).StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
            since = DateTimeOffset.UtcNow;
            query = $"/api/alerts?scope=department:48&since={Uri.EscapeDataString(since.ToString("O"))}";
            Assert.Equal(HttpStatusCode.OK, (await supervisor.PutJsonAsync($"/api/establishments/{establishment}/emergency", """{"edWaitingForBed":25,"bedBlockers":0}""")).StatusCode);
            await Eventually.ValueAsync(() => supervisor.GetJsonAsync(query), a => DepartmentAlerts(a) == 1, TimeSpan.FromSeconds(10));
            // Two flush ticks (Grid:FlushInterval is 1 s), well inside the 10 s the children's summaries may wait.
            await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
            first.Kill();
        }

        await using var second = await ServerProcess.StartAsync(db);
        using var viewer = await second.ClientAsync("supervisor", region: "OCC");
        Assert.Contains("previous shutdown not known clean", second.Log);
        await Eventually.ValueAsync(() => viewer.GetJsonAsync("/api/departments/48"), d => d.GetProperty("computedLevel").GetInt32() == 3, TimeSpan.FromSeconds(20));
        // The re-read is done once the level is back; give a duplicate alert time to be committed before counting.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        var alerts = await viewer.GetJsonAsync(query);
        Assert.True(DepartmentAlerts(alerts) == 1, alerts.ToString());
    }

    private static int DepartmentAlerts(JsonElement alerts) =>
        alerts.EnumerateArray().Count(a => a.GetProperty("scope").GetString() == "department");

    private static async Task UpdateSomeUnitsAsync(HttpClient admin)
    {
        var est = await admin.GetJsonAsync("/api/establishments/120000039");
        var occupied = 0;
        foreach (var unit in est.GetProperty("children").EnumerateArray())
        {
            var installed = unit.Int("beds", "installed");
            var response = await admin.PutJsonAsync($"/api/establishments/120000039/units/{unit.GetProperty("id").GetString()}/beds",
                Json.Beds(installed, 0, 1, Math.Min(installed, occupied++), 0, 1));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync("/api/establishments/120000039/emergency", """{"edWaitingForBed":4,"bedBlockers":2}""")).StatusCode);
        await admin.ReachedRegionAsync("120000039");
    }

    // Figures only: the stamps (revision, updatedAt of aggregates) may legitimately move on a rebuild.
    private static async Task<Dictionary<string, string>> SnapshotAsync(HttpClient http)
    {
        var snapshot = new Dictionary<string, string>();
        foreach (var scope in Scopes)
        {
            var s = await http.GetJsonAsync(scope);
            snapshot[scope] = string.Join("|", s.GetProperty("beds").ToString(), s.GetProperty("groups").ToString(),
                s.GetProperty("categories").ToString(), s.GetProperty("edWaitingForBed").ToString(), s.GetProperty("freshness").ToString());
            foreach (var child in s.GetProperty("children").EnumerateArray())
                snapshot[$"{scope}/{child.GetProperty("id").GetString()}"] = child.GetProperty("beds").ToString()
                    + (child.TryGetProperty("version", out var v) ? "v" + v : "");
        }
        return snapshot;
    }
}
