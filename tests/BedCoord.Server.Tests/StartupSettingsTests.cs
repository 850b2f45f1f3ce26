using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>A bad setting stops the server at start with a message naming it, rather than failing later elsewhere.</summary>
public sealed class StartupSettingsTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_pool_size_of_zero_stops_the_server_naming_the_setting()
    {
        var database = await postgres.CreateDatabaseAsync();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServerProcess.StartAsync(database, new Dictionary<string, string> { ["Storage:MaxPoolSize"] = "0" }, TimeSpan.FromSeconds(60)));
        Assert.Contains("Server exited", failure.Message);
        Assert.Contains("Storage:MaxPoolSize = \"0\": between 2 and 1000 connections", failure.Message);
    }

    [Fact]
    public async Task An_open_metrics_scrape_on_the_api_port_is_refused()
    {
        var database = await postgres.CreateDatabaseAsync();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServerProcess.StartAsync(database, new Dictionary<string, string> { ["Metrics:RequireAdmin"] = "false" }, TimeSpan.FromSeconds(60)));
        Assert.Contains("Metrics:RequireAdmin = \"false\"", failure.Message);
    }
}
