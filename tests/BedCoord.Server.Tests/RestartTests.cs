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
