using System.Net;
using System.Text.Json;
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
        await manager.ReachedRegionAsync(Finess);
        var regionBefore = (await manager.GetJsonAsync("/api/regions/OCC")).Available();
        // A state that differs from the current one, and only what is pushed after it counts: the summaries sent on
        // subscribe cannot satisfy the waits below.
        var occupied = unit.Int("beds", "occupied") == 0 ? 1 : 0;
        board.Summaries.Clear();
        var response = await manager.PutJsonAsync($"/api/establishments/{Finess}/units/{unitId}/beds", Json.Beds(installed, 0, 0, occupied, 0, 0));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await manager.ReachedRegionAsync(Finess);
        var region = await manager.GetJsonAsync("/api/regions/OCC");
        var department = await manager.GetJsonAsync("/api/departments/11");
        Assert.NotEqual(regionBefore, region.Available());

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

    [Fact]
    public async Task Hostile_hub_calls_are_refused_and_the_hub_keeps_serving()
    {
        await using var board = await BoardClient.ConnectAsync(Server, await Server.TokenAsync("viewer"));
        var calls = new (string Method, object?[] Args)[]
        {
            ("DropTables", []), ("OnConnectedAsync", []), ("Subscribe", []), ("Subscribe", [42]), ("Subscribe", [null]),
            ("Subscribe", [new { scope = "region:OCC" }]), ("Subscribe", [new[] { "region:OCC" }]), ("Subscribe", ["region:OCC", "extra"]),
            ("Subscribe", ["region:OCC' OR 1=1--"]), ("Subscribe", ["department:..%2F..%2F"]), ("Subscribe", ["establishment:\u0000"]),
            ("Unsubscribe", [new object()]),
        };
        foreach (var (method, args) in calls)
            await Assert.ThrowsAnyAsync<Exception>(() => board.InvokeRawAsync(method, args));
        Assert.Equal(HubConnectionState.Connected, board.State);

        // A connection cannot hoard subscriptions: the 51st scope is refused.
        using var viewer = await Server.ClientAsync("viewer");
        var establishments = (await viewer.GetJsonAsync("/api/departments/31"))
            .GetProperty("children").EnumerateArray().Select(e => "establishment:" + e.GetProperty("id").GetString()).Take(51).ToList();
        Assert.Equal(51, establishments.Count);
        foreach (var scope in establishments.Take(50)) await board.SubscribeAsync(scope);
        var refused = await Assert.ThrowsAsync<HubException>(() => board.SubscribeAsync(establishments[50]));
        Assert.Contains("50", refused.Message);

        // An oversized message ends that connection, not the server: a new board is served at once.
        await using var flooder = await BoardClient.ConnectAsync(Server, await Server.TokenAsync("viewer"));
        await Assert.ThrowsAnyAsync<Exception>(() => flooder.InvokeRawAsync("Subscribe", new string('x', 1024 * 1024)));
        await using var next = await BoardClient.ConnectAsync(Server, await Server.TokenAsync("viewer"));
        await next.SubscribeAsync("region:OCC");
        Assert.NotNull(await next.WaitForAsync("region", "OCC", _ => true, TimeSpan.FromSeconds(5)));
        using var health = new HttpClient { BaseAddress = Server.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await health.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_change_is_pushed_as_a_delta_of_the_changed_establishment_that_brings_the_board_to_the_fresh_state()
    {
        await using var board = await BoardClient.ConnectAsync(Server, await Server.TokenAsync("viewer"));
        await board.SubscribeAsync("department:11");
        await board.SubscribeAsync($"establishment:{Finess}");
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var unit = (await manager.GetJsonAsync($"/api/establishments/{Finess}")).GetProperty("children")[0];
        var unitId = unit.GetProperty("id").GetString()!;
        var occupied = unit.Int("beds", "occupied") == 0 ? 1 : 0;
        board.Deltas.Clear();

        var response = await manager.PutJsonAsync($"/api/establishments/{Finess}/units/{unitId}/beds",
            Json.Beds(unit.Int("beds", "installed"), 0, 0, occupied, 0, 0));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // What the board holds after applying the deltas is what a fresh read answers, at the département and the establishment.
        await manager.ReachedRegionAsync(Finess);
        var department = await manager.GetJsonAsync("/api/departments/11");
        var establishment = await manager.GetJsonAsync($"/api/establishments/{Finess}");
        await Eventually.ValueAsync(() => Task.FromResult(board.Held("department:11")), h => h is { } s && StateOf(s) == StateOf(department), TimeSpan.FromSeconds(5));
        await Eventually.ValueAsync(() => Task.FromResult(board.Held($"establishment:{Finess}")), h => h is { } s && StateOf(s) == StateOf(establishment), TimeSpan.FromSeconds(5));
        Assert.Equal(0, board.Resyncs);

        // ...and it got there from changes that carry only what changed: the one establishment, the one unit.
        var deltas = board.Deltas.ToList();
        Assert.Contains(deltas, d => d.GetProperty("scope").GetString() == "department:11");
        foreach (var d in deltas)
        {
            Assert.False(d.GetProperty("figures").TryGetProperty("children", out _), "a delta's figures carry no children");
            var ids = d.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
            Assert.Equal(d.GetProperty("scope").GetString() == "department:11" ? [Finess] : [unitId], ids);
        }
        Assert.Equal(occupied, board.Held($"establishment:{Finess}")!.Value.Child(unitId).Int("beds", "occupied"));
    }

    [Fact]
    public async Task A_board_that_misses_a_change_sees_the_gap_subscribes_again_and_holds_the_fresh_state()
    {
        await using var board = await BoardClient.ConnectAsync(Server, await Server.TokenAsync("viewer"));
        await board.SubscribeAsync("department:11");
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var unit = (await manager.GetJsonAsync($"/api/establishments/{Finess}")).GetProperty("children")[1];
        var unitId = unit.GetProperty("id").GetString()!;
        var installed = unit.Int("beds", "installed");
        var put = (int occupied) => manager.PutJsonAsync($"/api/establishments/{Finess}/units/{unitId}/beds", Json.Beds(installed, 0, 0, occupied, 0, 0));

        // Every change is lost until the board has been seen stale: a write may announce more than once, and a
        // second announcement let through would reveal the gap before the staleness could be checked.
        board.DropNextDeltas(int.MaxValue);
        Assert.Equal(HttpStatusCode.OK, (await put(installed > 1 ? 1 : 0)).StatusCode);
        await manager.ReachedRegionAsync(Finess);
        await Eventually.ValueAsync(() => Task.FromResult(board.Dropped), n => n >= 1, TimeSpan.FromSeconds(5));
        var held = board.Held("department:11")!.Value;
        Assert.NotEqual(StateOf(await manager.GetJsonAsync("/api/departments/11")), StateOf(held));
        board.DropNextDeltas(0);

        Assert.Equal(HttpStatusCode.OK, (await put(installed > 2 ? 2 : 1)).StatusCode);
        await manager.ReachedRegionAsync(Finess);
        var fresh = await manager.GetJsonAsync("/api/departments/11");
        await Eventually.ValueAsync(() => Task.FromResult(board.Held("department:11")), h => h is { } s && StateOf(s) == StateOf(fresh), TimeSpan.FromSeconds(5));
        Assert.True(board.Resyncs >= 1, "the gap was not seen");
        Assert.True(board.Snapshots.Count(s => s.GetProperty("scope").GetString() == "department:11") >= 2, "no new snapshot after the gap");
    }

    /// <summary>A scope's figures and each child's, as numbers and revisions: equal when a board shows the same thing.</summary>
    private static string StateOf(JsonElement summary) =>
        summary.GetProperty("revision").GetInt64() + " " + summary.GetProperty("beds").GetRawText() + " | " +
        string.Join(" | ", summary.GetProperty("children").EnumerateArray()
            .Select(c => $"{c.GetProperty("id").GetString()} {c.GetProperty("revision").GetInt64()} {c.GetProperty("beds").GetRawText()}").Order(StringComparer.Ordinal));
}
