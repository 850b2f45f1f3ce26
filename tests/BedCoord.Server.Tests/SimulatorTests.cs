using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>The demo's activity simulator moves the grid by itself, and only when asked to.</summary>
public sealed class SimulatorTests(PostgresFixture postgres)
{
    [Fact]
    public async Task With_the_simulator_on_the_grid_changes_without_any_request()
    {
        await using var server = await ServerProcess.StartAsync(await postgres.CreateDatabaseAsync(),
            new Dictionary<string, string> { ["Demo:Simulate"] = "true", ["Demo:SimulatedUpdatesPerSecond"] = "50" });
        using var viewer = await server.ClientAsync("viewer");
        var first = (await viewer.GetJsonAsync("/api/regions/OCC")).GetProperty("revision").GetInt64();

        var later = await Eventually.ValueAsync(async () => (await viewer.GetJsonAsync("/api/regions/OCC")).GetProperty("revision").GetInt64(),
            r => r != first, TimeSpan.FromSeconds(15));

        Assert.NotEqual(first, later);
    }
}
