using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>The bed-blocker register end to end: anonymous lines, the count taking over bedBlockers, sums upward, scope.</summary>
public sealed class BedBlockerApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Finess = "090000183";      // CH Ariège Couserans (09, sector SUD)
    private const string Elsewhere = "340785161";   // Lapeyronie, CHU Montpellier (34)
    private ServerProcess Server => fixture.Server;

    private static string Path(string finess) => $"/api/establishments/{finess}/bed-blockers";

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string finess, string json) =>
        http.PostAsync(Path(finess), new StringContent(json, Encoding.UTF8, "application/json"));

    private static string DaysAgo(int days) => DateTime.UtcNow.AddDays(-days).ToString("yyyy-MM-dd");

    [Fact]
    public async Task While_the_register_has_lines_bedBlockers_is_their_count_and_says_so_up_to_the_region()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        Assert.Equal(HttpStatusCode.OK, (await manager.PutJsonAsync($"/api/establishments/{Finess}/emergency", """{"edWaitingForBed":3,"bedBlockers":9}""")).StatusCode);
        var before = await manager.GetJsonAsync($"/api/establishments/{Finess}");
        Assert.Equal(9, before.GetProperty("bedBlockers").GetInt32());
        Assert.Equal("declared", before.GetProperty("bedBlockersSource").GetString());
        await manager.ReachedRegionAsync(Finess);
        var departmentBefore = await manager.GetJsonAsync("/api/departments/09");
        var regionBefore = await manager.GetJsonAsync("/api/regions/OCC");

        var ids = new List<long>();
        foreach (var (destination, days) in new[] { ("EHPAD", 40), ("EHPAD", 5), ("SMR", 1) })
        {
            var response = await PostAsync(manager, Finess, $$"""{"unitId":"smr","destination":"{{destination}}","since":"{{DaysAgo(days)}}","viaTrajectoire":true}""");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var line = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
            ids.Add(line.GetProperty("id").GetInt64());
            Assert.Equal(destination, line.GetProperty("destination").GetString());
        }

        var est = await manager.GetJsonAsync($"/api/establishments/{Finess}");
        Assert.Equal(3, est.GetProperty("bedBlockers").GetInt32());
        Assert.Equal("register", est.GetProperty("bedBlockersSource").GetString());
        Assert.Equal(2, est.Int("bedBlockersByDestination", "EHPAD"));
        Assert.Equal(1, est.Int("bedBlockersByDestination", "SMR"));
        Assert.Equal((1, 1, 0, 1), (est.Int("bedBlockersByWait", "0-2"), est.Int("bedBlockersByWait", "3-7"), est.Int("bedBlockersByWait", "8-30"), est.Int("bedBlockersByWait", ">30")));
        await manager.ReachedRegionAsync(Finess);
        var department = await manager.GetJsonAsync("/api/departments/09");
        Assert.Equal(departmentBefore.GetProperty("bedBlockers").GetInt32() - 9 + 3, department.GetProperty("bedBlockers").GetInt32());
        Assert.Equal(departmentBefore.Int("bedBlockersByDestination", "EHPAD") + 2, department.Int("bedBlockersByDestination", "EHPAD"));
        var region = await manager.GetJsonAsync("/api/regions/OCC");
        Assert.Equal(regionBefore.GetProperty("bedBlockers").GetInt32() - 9 + 3, region.GetProperty("bedBlockers").GetInt32());
        Assert.Equal(regionBefore.Int("bedBlockersByWait", ">30") + 1, region.Int("bedBlockersByWait", ">30"));
        Assert.Equal(3, (await manager.GetJsonAsync(Path(Finess))).GetArrayLength());

        // The patients leave: the count follows, and an empty register hands back to the declared figure.
        foreach (var id in ids)
            Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"{Path(Finess)}/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.DeleteAsync($"{Path(Finess)}/{ids[0]}", TestContext.Current.CancellationToken)).StatusCode);
        var after = await manager.GetJsonAsync($"/api/establishments/{Finess}");
        Assert.Equal(9, after.GetProperty("bedBlockers").GetInt32());
        Assert.Equal("declared", after.GetProperty("bedBlockersSource").GetString());
        Assert.Equal(0, (await manager.GetJsonAsync(Path(Finess))).GetArrayLength());
    }

    [Theory]
    [InlineData("""{"destination":"SMR","since":"2026-12-01","name":"Dupont"}""", "name")]
    [InlineData("""{"destination":"SMR","since":"2026-12-01","birthDate":"1940-02-03"}""", "birthDate")]
    [InlineData("""{"destination":"SMR","since":"2026-12-01","comment":"chambre 12"}""", "comment")]
    [InlineData("""{"destination":"HOTEL","since":"2026-12-01"}""", "destination")]
    [InlineData("""{"destination":"SMR","since":"01/12/2026"}""", "since")]
    [InlineData("""{"destination":"SMR","since":"2999-01-01"}""", "since")]
    [InlineData("""{"destination":"SMR","since":"2026-12-01","unitId":"nope"}""", "unitId")]
    [InlineData("""{"destination":"SMR","since":"2026-12-01","viaTrajectoire":"oui"}""", "viaTrajectoire")]
    public async Task A_line_with_an_identifying_or_wrong_field_is_refused_by_name_and_nothing_is_stored(string json, string field)
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var before = (await manager.GetJsonAsync(Path(Finess))).GetArrayLength();

        var response = await PostAsync(manager, Finess, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _), field);
        Assert.Equal(before, (await manager.GetJsonAsync(Path(Finess))).GetArrayLength());
    }

    [Fact]
    public async Task A_bed_manager_keeps_only_their_establishments_register()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        using var coordinator = await Server.ClientAsync("supervisor");
        var response = await PostAsync(manager, Elsewhere, """{"destination":"HAD","since":"2026-12-01"}""");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, (await manager.GetJsonAsync(Path(Elsewhere))).GetArrayLength());

        var theirs = await PostAsync(coordinator, Elsewhere, $$"""{"destination":"HAD","since":"{{DaysAgo(2)}}"}""");
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        var id = (await theirs.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.DeleteAsync($"{Path(Elsewhere)}/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(1, (await manager.GetJsonAsync(Path(Elsewhere))).GetArrayLength());
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.DeleteAsync($"{Path(Elsewhere)}/{id}", TestContext.Current.CancellationToken)).StatusCode);
    }
}
