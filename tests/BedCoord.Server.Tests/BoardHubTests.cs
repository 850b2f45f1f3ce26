using System.Net;
using BedCoord.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace BedCoord.Server.Tests;

/// <summary>The live board hub: snapshot on subscribe, pushes on change, authenticated connections only.</summary>
public sealed class BoardHubTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Finess = "110000023";   // an Aude establishment (SUD)
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task A_board_gets_the_current_summary_on_subscribe_and_every_change_after()
    {
        await using var board = await BoardClient.ConnectAsync(Server, await Server.TokenAsync("viewer"));
        await board.SubscribeAsync("region:OCC");
        await board.SubscribeAsync("department:11");
        var snapshot = await board.WaitForAsync("department", "11", _ => true, TimeSpan.FromSeconds(5));
        Assert.NotNull(snapshot);
        Assert.True(snapshot.Value.GetProperty("children").GetArrayLength() > 10);

        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var unit = (await manager.GetJsonAsync($"/api/establishments/{Finess}")).GetProperty("children")[0];
        var unitId = unit.GetProperty("id").GetString();
        var installed = unit.Int("beds", "installed");
        var response = await manager.PutJsonAsync($"/api/establishments/{Finess}/units/{unitId}/beds", Json.Beds(installed, 0, 0, 0, 0, 0));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var region = await manager.GetJsonAsync("/api/regions/OCC");
        var department = await manager.GetJsonAsync("/api/departments/11");

        var pushedRegion = await board.WaitForAsync("region", "OCC", s => s.Available() == region.Available(), TimeSpan.FromSeconds(5));
        var pushedDept = await board.WaitForAsync("department", "11", s => s.Child(Finess).Available() == department.Child(Finess).Available(), TimeSpan.FromSeconds(5));
        Assert.NotNull(pushedRegion);
        Assert.NotNull(pushedDept);
    }

    [Fact]
    public async Task The_hub_refuses_connections_without_a_valid_token_and_unknown_scopes()
    {
        var refused = await Assert.ThrowsAnyAsync<HttpRequestException>(() => BoardClient.ConnectAsync(Server, null));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => BoardClient.ConnectAsync(Server, "not-a-token"));

        await using var board = await BoardClient.ConnectAsync(Server, await Server.TokenAsync("viewer"));
        foreach (var bad in new[] { "department:99", "unit:x/y", "../../etc", "", "region:" + new string('A', 5000) })
            await Assert.ThrowsAsync<HubException>(() => board.SubscribeAsync(bad));
        await board.SubscribeAsync("sector:SUD");
        Assert.NotNull(await board.WaitForAsync("sector", "SUD", _ => true, TimeSpan.FromSeconds(5)));
    }
}
