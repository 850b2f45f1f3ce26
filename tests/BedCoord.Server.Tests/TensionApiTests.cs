using System.Net;
using System.Text;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>Thresholds with inheritance, computed and declared levels, alerts and the BJML, through the API.</summary>
public sealed class TensionApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task A_department_goes_normal_tension_crise_and_back_with_an_alert_for_each_change()
    {
        using var supervisor = await Server.ClientAsync("supervisor", region: "OCC");
        var establishment = (await supervisor.GetJsonAsync("/api/departments/48")).GetProperty("children")[0].GetProperty("id").GetString();
        // The demo's EDs have patients waiting: start from an empty one.
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PutJsonAsync($"/api/establishments/{establishment}/emergency", """{"edWaitingForBed":0,"bedBlockers":0}""")).StatusCode);
        await supervisor.ReachedRegionAsync(establishment!);
        var rules = """{"staleAfter":"12:00:00","rules":[{"indicator":"edWaitingForBed","direction":"above","thresholds":[5,10,20],"hysteresis":2}]}""";
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PutJsonAsync("/api/departments/48/thresholds", rules)).StatusCode);
        var since = DateTimeOffset.UtcNow;

        var levels = new List<int>();
        foreach (var waiting in new[] { 6, 12, 25, 19, 4, 2 })
        {
            var r = await supervisor.PutJsonAsync($"/api/establishments/{establishment}/emergency", $$"""{"edWaitingForBed":{{waiting}},"bedBlockers":0}""");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            await supervisor.ReachedRegionAsync(establishment!);
            levels.Add((await supervisor.GetJsonAsync("/api/departments/48")).GetProperty("computedLevel").GetInt32());
        }

        // 19 stays crise (hysteresis: 20 - 2), 4 keeps tension (5 - 2), 2 is back to normal.
        Assert.Equal([1, 2, 3, 3, 1, 0], levels);
        // Alerts are committed by a background writer a few milliseconds after the change.
        var query = $"/api/alerts?scope=department:48&since={Uri.EscapeDataString(since.ToString("O"))}";
        var alerts = await Eventually.ValueAsync(() => supervisor.GetJsonAsync(query), a => DepartmentChanges(a).Count >= 5, TimeSpan.FromSeconds(5));
        var department = DepartmentChanges(alerts);
        Assert.Equal([(0, 1), (1, 2), (2, 3), (3, 1), (1, 0)], department);
        var crise = alerts.EnumerateArray().First(a => a.GetProperty("scope").GetString() == "department" && a.GetProperty("to").GetInt32() == 3);
        Assert.Contains("25", crise.GetProperty("cause").GetString());
        Assert.Contains("20", crise.GetProperty("cause").GetString());
        var regionAlerts = await supervisor.GetJsonAsync($"/api/alerts?scope=region:OCC&since={Uri.EscapeDataString(since.ToString("O"))}");
        Assert.True(regionAlerts.GetArrayLength() >= 5, "the region's list includes its subtree");
    }

    [Fact]
    public async Task Alerts_until_keeps_those_raised_at_or_before_it_and_a_bad_until_names_the_parameter()
    {
        using var supervisor = await Server.ClientAsync("supervisor", region: "OCC");
        var establishment = (await supervisor.GetJsonAsync("/api/departments/46")).GetProperty("children")[0].GetProperty("id").GetString();
        var rules = """{"staleAfter":"12:00:00","rules":[{"indicator":"edWaitingForBed","direction":"above","thresholds":[5,10,20],"hysteresis":2}]}""";
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PutJsonAsync($"/api/establishments/{establishment}/thresholds", rules)).StatusCode);
        foreach (var waiting in new[] { 6, 12, 25 })
            Assert.Equal(HttpStatusCode.OK, (await supervisor.PutJsonAsync($"/api/establishments/{establishment}/emergency", $$"""{"edWaitingForBed":{{waiting}},"bedBlockers":0}""")).StatusCode);
        var query = $"/api/alerts?scope=establishment:{establishment}";
        var all = await Eventually.ValueAsync(() => supervisor.GetJsonAsync(query), a => a.GetArrayLength() >= 3, TimeSpan.FromSeconds(5));
        var times = all.EnumerateArray().Select(a => a.GetProperty("at").GetDateTimeOffset()).Order().ToList();

        // Bounded at the second alert's own instant: it is kept, the later ones are not (a replay's alert feed).
        var until = times[1];
        var bounded = await supervisor.GetJsonAsync($"{query}&until={Uri.EscapeDataString(until.ToString("O"))}");
        Assert.Equal(times.Count(t => t <= until), bounded.GetArrayLength());
        Assert.All(bounded.EnumerateArray(), a => Assert.True(a.GetProperty("at").GetDateTimeOffset() <= until));

        var bad = await supervisor.GetAsync($"{query}&until=hier", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("until", out _), problem.ToString());
    }

    private static List<(int, int)> DepartmentChanges(JsonElement alerts) =>
        alerts.EnumerateArray().Where(a => a.GetProperty("scope").GetString() == "department").Reverse()
            .Select(a => (a.GetProperty("from").GetInt32(), a.GetProperty("to").GetInt32())).ToList();

    [Fact]
    public async Task Thresholds_are_inherited_and_overridden_and_say_where_they_come_from()
    {
        using var supervisor = await Server.ClientAsync("supervisor", region: "OCC");
        using var coordinator = await Server.ClientAsync("coordinator", sectors: ["SUD"]);

        var inherited = await supervisor.GetJsonAsync("/api/establishments/090000183/thresholds");
        Assert.Equal("region", inherited.GetProperty("inheritedFrom").GetProperty("kind").GetString());

        var own = """{"staleAfter":"06:00:00","rules":[{"indicator":"edWaitingForBed","direction":"above","thresholds":[3,6,9],"hysteresis":1}]}""";
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutJsonAsync("/api/departments/09/thresholds", own)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PutJsonAsync("/api/departments/31/thresholds", own)).StatusCode);
        var fromDepartment = await supervisor.GetJsonAsync("/api/establishments/090000183/thresholds");
        Assert.Equal("department", fromDepartment.GetProperty("inheritedFrom").GetProperty("kind").GetString());
        Assert.Equal("06:00:00", fromDepartment.GetProperty("effective").GetProperty("staleAfter").GetString());

        var bad = await coordinator.PutJsonAsync("/api/departments/09/thresholds", """{"rules":[{"indicator":"nope","direction":"up","thresholds":[1],"hysteresis":-1}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("rules[0].indicator", out _), errors.ToString());

        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.DeleteAsync("/api/departments/09/thresholds", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal("region", (await supervisor.GetJsonAsync("/api/establishments/090000183/thresholds")).GetProperty("inheritedFrom").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_declared_plan_blanc_raises_the_effective_level_until_lifted()
    {
        const string finess = "090000175";
        using var manager = await Server.ClientAsync("bed-manager", establishments: [finess]);
        var before = await manager.GetJsonAsync($"/api/establishments/{finess}");

        var declared = await manager.PostAsync($"/api/establishments/{finess}/declarations",
            new StringContent("""{"level":"crise","reason":"Plan blanc déclenché","expiresAt":"3h"}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        var during = await manager.GetJsonAsync($"/api/establishments/{finess}");
        Assert.Equal(3, during.GetProperty("level").GetInt32());
        Assert.Equal(3, during.GetProperty("declaredLevel").GetInt32());
        Assert.Equal(before.GetProperty("computedLevel").GetInt32(), during.GetProperty("computedLevel").GetInt32());
        Assert.Equal("Plan blanc déclenché", during.GetProperty("declaration").GetProperty("reason").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await manager.DeleteAsync($"/api/establishments/{finess}/declarations/current", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync("/api/establishments/090000183/declarations",
            new StringContent("""{"level":3,"reason":"x"}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/establishments/{finess}/declarations/current?reason=Fin%20de%20crise", TestContext.Current.CancellationToken)).StatusCode);

        var after = await manager.GetJsonAsync($"/api/establishments/{finess}");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("declaredLevel").ValueKind);
        Assert.Equal(after.GetProperty("computedLevel").GetInt32(), after.GetProperty("level").GetInt32());
        var alerts = await Eventually.ValueAsync(() => manager.GetJsonAsync($"/api/alerts?scope=establishment:{finess}"),
            a => a.EnumerateArray().Any(x => x.GetProperty("cause").GetString()!.Contains("Fin de crise")), TimeSpan.FromSeconds(5));
        Assert.Contains(alerts.EnumerateArray(), a => a.GetProperty("to").GetInt32() == 3 && a.GetProperty("cause").GetString()!.Contains("Plan blanc"));
        Assert.Contains(alerts.EnumerateArray(), a => a.GetProperty("from").GetInt32() == 3 && a.GetProperty("cause").GetString()!.Contains("Fin de crise"));
    }

    [Fact]
    public async Task A_declaration_ends_by_itself_when_it_expires_with_an_alert_saying_so()
    {
        // Any establishment whose computed level is below crise, so that declaring crise changes its level.
        using var viewer = await Server.ClientAsync("viewer");
        var finess = (await viewer.GetJsonAsync("/api/departments/11")).GetProperty("children").EnumerateArray()
            .First(e => e.GetProperty("computedLevel").GetInt32() < 3).GetProperty("id").GetString()!;
        using var manager = await Server.ClientAsync("bed-manager", establishments: [finess]);
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(4).ToString("O");

        var declared = await manager.PostAsync($"/api/establishments/{finess}/declarations",
            new StringContent($$$"""{"level":"crise","reason":"Afflux","expiresAt":"{{{expiresAt}}}"}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, declared.StatusCode);
        Assert.Equal(3, (await manager.GetJsonAsync($"/api/establishments/{finess}")).GetProperty("level").GetInt32());

        // No request arrives: the grain's own timer ends the declaration.
        var alerts = await Eventually.ValueAsync(() => manager.GetJsonAsync($"/api/alerts?scope=establishment:{finess}"),
            a => a.EnumerateArray().Any(x => x.GetProperty("cause").GetString()!.Contains("expirée")), TimeSpan.FromSeconds(20));
        Assert.Contains(alerts.EnumerateArray(), x => x.GetProperty("cause").GetString()!.Contains("expirée"));
        var after = await manager.GetJsonAsync($"/api/establishments/{finess}");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("declaredLevel").ValueKind);
    }

    [Fact]
    public async Task Imported_admissions_give_the_bjml_and_its_coverage_and_flagged_rpu_quality_says_why_not()
    {
        const string finess = "300782117";
        using var supervisor = await Server.ClientAsync("supervisor", region: "OCC");
        var csv = new StringBuilder("date,count\n");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var d = today.AddYears(-4); d < today; d = d.AddDays(1)) csv.Append($"{d:yyyy-MM-dd},12\n");

        var import = await supervisor.PostAsync($"/api/establishments/{finess}/ed-admissions", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var bjml = await supervisor.GetJsonAsync($"/api/establishments/{finess}/bjml");
        Assert.True(bjml.GetProperty("computable").GetBoolean(), bjml.ToString());
        Assert.Equal(12, bjml.GetProperty("value").GetInt32());
        var summary = (await supervisor.GetJsonAsync($"/api/establishments/{finess}")).GetProperty("bjml");
        Assert.Equal(12, summary.GetProperty("value").GetInt32());
        Assert.Equal(summary.GetProperty("availablePostEd").GetInt32() / 12.0, summary.GetProperty("coverage").GetDouble(), 6);
        // The département sums the BJML of its establishments where it is computable (the demo's other EDs too).
        await supervisor.ReachedRegionAsync(finess);
        var gard = await supervisor.GetJsonAsync("/api/departments/30");
        var others = gard.GetProperty("children").EnumerateArray()
            .Where(c => c.GetProperty("id").GetString() != finess && c.GetProperty("bjml").ValueKind == JsonValueKind.Object && c.GetProperty("bjml").GetProperty("computable").GetBoolean())
            .Sum(c => c.GetProperty("bjml").GetProperty("value").GetInt32());
        Assert.Equal(12 + others, gard.GetProperty("bjml").GetProperty("value").GetInt32());

        var badCsv = await supervisor.PostAsync($"/api/establishments/{finess}/ed-admissions", new StringContent("date,count\n2025-13-01,x\n", Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, badCsv.StatusCode);
        using var viewer = await Server.ClientAsync("viewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/establishments/{finess}/ed-admissions", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"), TestContext.Current.CancellationToken)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await supervisor.PutJsonAsync($"/api/establishments/{finess}/rpu-quality", """{"sufficient":false,"note":"RPU incomplets"}""")).StatusCode);
        var flagged = (await supervisor.GetJsonAsync($"/api/establishments/{finess}")).GetProperty("bjml");
        Assert.False(flagged.GetProperty("computable").GetBoolean());
        Assert.False(string.IsNullOrEmpty(flagged.GetProperty("reason").GetString()));
    }
}
