using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>The demo's activity simulator moves the grid by itself, and only when asked to. Each server starts on a copy of the seeded demo.</summary>
public sealed class SimulatorTests(PostgresFixture postgres)
{
    [Fact]
    public async Task With_the_simulator_on_the_grid_changes_without_any_request()
    {
        await using var server = await ServerProcess.StartAsync(await postgres.CreateSeededDatabaseAsync(),
            new Dictionary<string, string> { ["Demo:Simulate"] = "true", ["Demo:SimulatedUpdatesPerSecond"] = "50" });
        using var viewer = await server.ClientAsync("viewer");
        var first = (await viewer.GetJsonAsync("/api/regions/OCC")).GetProperty("revision").GetInt64();

        var later = await Eventually.ValueAsync(async () => (await viewer.GetJsonAsync("/api/regions/OCC")).GetProperty("revision").GetInt64(),
            r => r != first, TimeSpan.FromSeconds(15));

        Assert.NotEqual(first, later);
    }

    [Fact]
    public async Task The_simulators_writes_are_in_the_audit_trail_signed_by_it()
    {
        await using var server = await ServerProcess.StartAsync(await postgres.CreateSeededDatabaseAsync(),
            new Dictionary<string, string> { ["Demo:Simulate"] = "true", ["Demo:SimulatedUpdatesPerSecond"] = "50" });
        using var supervisor = await server.ClientAsync("supervisor", region: "OCC");

        var trail = await Eventually.ValueAsync(async () => (await supervisor.GetJsonAsync("/api/audit?scope=region:OCC&limit=200")).EnumerateArray().ToList(),
            t => t.Any(e => e.GetProperty("action").GetString() == "unit.beds"), TimeSpan.FromSeconds(15));

        var entry = trail.First(e => e.GetProperty("action").GetString() == "unit.beds");
        Assert.Equal("simulateur", entry.GetProperty("actor").GetString());
        Assert.True(entry.GetProperty("after").GetProperty("occupied").GetInt32() >= 0);
    }
}
