using System.Text;
using System.Net;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>The v1 API end to end on a real server: reading the grid, writing beds and emergency figures.</summary>
public sealed class GridApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    // CH Ariège Couserans (09, sector SUD): has MCO, SMR and PSY units in the demo data.
    private const string Finess = "090000183";
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task The_region_answers_its_live_summary_with_its_four_sectors()
    {
        using var viewer = await Server.ClientAsync("viewer");

        var region = await viewer.GetJsonAsync("/api/regions/OCC");

        Assert.Equal("region", region.GetProperty("kind").GetString());
        var sectors = region.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("id").GetString()).Order().ToList();
        Assert.Equal(["EST", "NORD", "OUEST", "SUD"], sectors);
        Assert.Equal(region.Available(), region.GetProperty("children").EnumerateArray().Sum(c => c.Available()));
        Assert.Equal(326, (await viewer.GetJsonAsync("/api/territory")).GetProperty("regions")[0].GetProperty("sectors")
            .EnumerateArray().SelectMany(s => s.GetProperty("departments").EnumerateArray())
            .Sum(d => d.GetProperty("establishments").GetArrayLength()));
        Assert.Equal("normal", region.GetProperty("levelName").GetString());
        Assert.True(region.GetProperty("freshness").GetProperty("units").GetInt32() > 1000);
    }

    [Fact]
    public async Task A_bed_managers_update_is_in_the_establishment_when_answered_and_in_every_summary_above_within_moments()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var unitBefore = await manager.GetJsonAsync($"/api/establishments/{Finess}/units/smr");
        await manager.ReachedRegionAsync(Finess); // an earlier test's write, still on its way up, would move "before"
        var before = await Levels(manager);

        var response = await manager.PutJsonAsync($"/api/establishments/{Finess}/units/smr/beds", Json.Beds(60, 2, 0, 40, 1, 3),
            ifMatch: $"\"{unitBefore.GetProperty("version").GetInt64()}\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"\"{unitBefore.GetProperty("version").GetInt64() + 1}\"", response.Headers.ETag?.Tag);
        var delta = (58 - 40 - 1) - unitBefore.Available();
        // The answer comes once the write is durable and in its establishment: a GET right after shows it there.
        var establishment = await manager.GetJsonAsync($"/api/establishments/{Finess}");
        Assert.Equal(before[0] + delta, establishment.Available());
        var unit = establishment.Child("smr");
        Assert.Equal(17, unit.Available());
        Assert.Equal("test-user", unit.GetProperty("updatedBy").GetString());
        await manager.ReachedRegionAsync(Finess);
        var after = await Levels(manager);
        for (var i = 0; i < before.Length; i++) Assert.Equal(before[i] + delta, after[i]);
    }

    [Fact]
    public async Task A_second_editor_with_an_old_version_gets_a_conflict_and_changes_nothing()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var unit = await manager.GetJsonAsync($"/api/establishments/{Finess}/units/psy");
        var version = unit.GetProperty("version").GetInt64();
        var first = await manager.PutJsonAsync($"/api/establishments/{Finess}/units/psy/beds", Json.Beds(80, 0, 0, 70, 0, 2), $"\"{version}\"");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var second = await manager.PutJsonAsync($"/api/establishments/{Finess}/units/psy/beds", Json.Beds(80, 0, 0, 10, 0, 2), $"\"{version}\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        var problem = await second.ProblemAsync();
        Assert.Equal(version + 1, problem.GetProperty("currentVersion").GetInt64());
        Assert.Equal(70, (await manager.GetJsonAsync($"/api/establishments/{Finess}/units/psy")).Int("beds", "occupied"));
    }

    [Theory]
    [InlineData("""{"installed":30,"closed":31,"surge":0,"occupied":0,"reserved":0,"expectedDischarges":0}""", "closed")]
    [InlineData("""{"installed":30,"closed":0,"surge":0,"occupied":31,"reserved":0,"expectedDischarges":0}""", "occupied")]
    [InlineData("""{"installed":30,"closed":0,"surge":0,"occupied":29,"reserved":2,"expectedDischarges":0}""", "reserved")]
    [InlineData("""{"installed":5001,"closed":0,"surge":0,"occupied":0,"reserved":0,"expectedDischarges":0}""", "installed")]
    [InlineData("""{"installed":-1,"closed":0,"surge":0,"occupied":0,"reserved":0,"expectedDischarges":0}""", "installed")]
    [InlineData("""{"installed":"30","closed":0,"surge":0,"occupied":0,"reserved":0,"expectedDischarges":0}""", "installed")]
    [InlineData("""{"installed":30.5,"closed":0,"surge":0,"occupied":0,"reserved":0,"expectedDischarges":0}""", "installed")]
    [InlineData("""{"closed":0,"surge":0,"occupied":0,"reserved":0,"expectedDischarges":0}""", "installed")]
    [InlineData("""{"installed":30,"closed":0,"surge":0,"occupied":0,"reserved":0,"expectedDischarges":0,"available":30}""", "available")]
    [InlineData("""{"installed":99999999999,"closed":0,"surge":0,"occupied":0,"reserved":0,"expectedDischarges":0}""", "installed")]
    [InlineData("""[1,2]""", "$")]
    [InlineData("""{"installed":""", "$")]
    public async Task Bad_bed_input_is_refused_naming_the_field_and_changes_nothing(string body, string field)
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var before = await manager.GetJsonAsync($"/api/establishments/{Finess}/units/med");

        var response = await manager.PutJsonAsync($"/api/establishments/{Finess}/units/med/beds", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var after = await manager.GetJsonAsync($"/api/establishments/{Finess}/units/med");
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Wrong_content_type_oversized_bodies_and_unknown_ids_get_their_own_problem()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);

        var text = await manager.PutAsync($"/api/establishments/{Finess}/units/med/beds", new StringContent("installed=3"), TestContext.Current.CancellationToken);
        // As a careful client does with a large body: announce it and wait for the server's go-ahead, so the 413 is
        // read instead of a broken pipe when the server refuses before the upload ends (seen once in CI).
        var hugeRequest = new HttpRequestMessage(HttpMethod.Put, $"/api/establishments/{Finess}/units/med/beds")
        {
            Content = new StringContent("{\"x\":\"" + new string('x', 2_000_000) + "\"}", Encoding.UTF8, "application/json"),
        };
        hugeRequest.Headers.ExpectContinue = true;
        var huge = await manager.SendAsync(hugeRequest, TestContext.Current.CancellationToken);
        var unknownUnit = await manager.PutJsonAsync($"/api/establishments/{Finess}/units/nope/beds", Json.Beds(1, 0, 0, 0, 0, 0));
        var unknownEst = await manager.GetAsync("/api/establishments/999999999", TestContext.Current.CancellationToken);
        var traversal = await manager.GetAsync("/api/departments/..%2F..%2Fetc%2Fpasswd", TestContext.Current.CancellationToken);
        var badIfMatch = await manager.PutJsonAsync($"/api/establishments/{Finess}/units/med/beds", Json.Beds(1, 0, 0, 0, 0, 0), "\"abc\"");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownUnit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownEst.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badIfMatch.StatusCode);
        foreach (var r in new[] { text, huge, unknownUnit, unknownEst, traversal, badIfMatch }) await r.ProblemAsync();
    }

    [Fact]
    public async Task Emergency_figures_reach_the_region()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        await manager.ReachedRegionAsync(Finess);
        var before = await manager.GetJsonAsync("/api/regions/OCC");
        var establishment = await manager.GetJsonAsync($"/api/establishments/{Finess}");

        var response = await manager.PutJsonAsync($"/api/establishments/{Finess}/emergency", """{"edWaitingForBed":7,"bedBlockers":3}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await manager.ReachedRegionAsync(Finess);
        var after = await manager.GetJsonAsync("/api/regions/OCC");
        Assert.Equal(before.Int("edWaitingForBed") - establishment.Int("edWaitingForBed") + 7, after.Int("edWaitingForBed"));
        Assert.Equal(before.Int("bedBlockers") - establishment.Int("bedBlockers") + 3, after.Int("bedBlockers"));
        var invalid = await manager.PutJsonAsync($"/api/establishments/{Finess}/emergency", """{"edWaitingForBed":-2,"bedBlockers":3}""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.ProblemAsync()).GetProperty("errors").TryGetProperty("edWaitingForBed", out _));
    }

    [Fact]
    public async Task Every_accepted_write_is_audited_with_who_role_before_and_after()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess], sub: "audited-alice");

        var response = await manager.PutJsonAsync($"/api/establishments/{Finess}/units/chir/beds", Json.Beds(40, 0, 0, 33, 0, 1));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var row = await Db.StringsAsync(fixture.Database,
            "SELECT role || '|' || action || '|' || scope_kind || '|' || scope_id || '|' || (after->>'occupied') || '|' || (before IS NOT NULL)::text FROM bedcoord_audit WHERE actor = 'audited-alice'");
        Assert.Equal([$"bed-manager|unit.beds|unit|{Finess}/chir|33|true"], row);
    }

    [Fact]
    public async Task A_supervisor_lists_a_scopes_audit_trail_and_nobody_can_change_it_through_the_api()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess], sub: "trail-bob");
        Assert.Equal(HttpStatusCode.OK, (await manager.PutJsonAsync($"/api/establishments/{Finess}/emergency", """{"edWaitingForBed":2,"bedBlockers":1}""")).StatusCode);
        using var supervisor = await Server.ClientAsync("supervisor", region: "OCC");

        var trail = await supervisor.GetJsonAsync("/api/audit?scope=department:09&limit=50");

        var entry = trail.EnumerateArray().First(e => e.GetProperty("actor").GetString() == "trail-bob");
        Assert.Equal("establishment.emergency", entry.GetProperty("action").GetString());
        Assert.Equal(2, entry.GetProperty("after").GetProperty("edWaitingForBed").GetInt32());
        Assert.DoesNotContain((await supervisor.GetJsonAsync("/api/audit?scope=department:31&limit=1000")).EnumerateArray(),
            e => e.GetProperty("actor").GetString() == "trail-bob");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/audit", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await supervisor.DeleteAsync("/api/audit", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await supervisor.PutJsonAsync("/api/audit", "{}")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_description_and_health_are_served()
    {
        using var anonymous = new HttpClient { BaseAddress = Server.BaseAddress };
        var openApi = await anonymous.GetJsonAsync("/openapi/v1.json");
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/establishments/{finess}/units/{unitId}/beds", out _));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
    }

    private async Task<int[]> Levels(HttpClient http) =>
    [
        (await http.GetJsonAsync($"/api/establishments/{Finess}")).Available(),
        (await http.GetJsonAsync("/api/departments/09")).Available(),
        (await http.GetJsonAsync("/api/sectors/SUD")).Available(),
        (await http.GetJsonAsync("/api/regions/OCC")).Available(),
    ];
}
