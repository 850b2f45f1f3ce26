using System.Net;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>Two server processes in one cluster (membership in PostgreSQL) on a copy of the seeded demo: writes and boards cross silos.</summary>
public sealed class ClusterTests(PostgresFixture postgres)
{
    private static readonly Dictionary<string, string> ClusterMode = new() { ["Cluster:Clustering"] = "adonet" };

    [Fact]
    public async Task An_update_made_through_one_silo_reaches_a_board_connected_to_the_other()
    {
        var db = await postgres.CreateSeededDatabaseAsync();
        await using var a = await ServerProcess.StartAsync(db, ClusterMode);
        await using var b = await ServerProcess.StartAsync(db, ClusterMode);
        await using var board = await BoardClient.ConnectAsync(b, await b.TokenAsync("viewer"));
        await board.SubscribeAsync("region:OCC");
        await board.SubscribeAsync("sector:EST");
        Assert.NotNull(await board.WaitForAsync("region", "OCC", _ => true, TimeSpan.FromSeconds(5)));

        // Several establishments, so that grains living on either silo are involved; all of them exist in the demo,
        // and only what is pushed after the writes counts.
        using var admin = await a.ClientAsync("admin");
        var before = (await admin.GetJsonAsync("/api/sectors/EST")).Available();
        board.Summaries.Clear();
        foreach (var finess in new[] { "300782117", "300782141", "300782125", "300000023", "300000031", "300000072" })
        {
            var unit = (await admin.GetJsonAsync($"/api/establishments/{finess}")).GetProperty("children")[0];
            var response = await admin.PutJsonAsync($"/api/establishments/{finess}/units/{unit.GetProperty("id").GetString()}/beds",
                Json.Beds(unit.Int("beds", "installed"), 0, 0, 0, 0, 0));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await admin.ReachedRegionAsync(finess);
        }
        var expected = (await admin.GetJsonAsync("/api/sectors/EST")).Available();
        Assert.NotEqual(before, expected);

        var pushed = await board.WaitForAsync("sector", "EST", s => s.Available() == expected, TimeSpan.FromSeconds(10));
        Assert.NotNull(pushed);
        using var viaB = await b.ClientAsync("viewer");
        Assert.Equal(expected, (await viaB.GetJsonAsync("/api/sectors/EST")).Available());
    }
}
