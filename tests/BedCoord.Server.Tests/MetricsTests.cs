using System.Net;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>The Prometheus scrape names BedCoord's meters after a few writes, and only an admin reads it.</summary>
public sealed class MetricsTests(MetricsTests.MetricsServerFixture fixture) : IClassFixture<MetricsTests.MetricsServerFixture>
{
    /// <summary>A small territory of its own (no demo: faster to start) and the Orleans Dashboard on.</summary>
    public sealed class MetricsServerFixture(PostgresFixture postgres) : ServerFixture(postgres)
    {
        protected override IDictionary<string, string>? Settings => new Dictionary<string, string>
        {
            ["Demo:Seed"] = "false",
            ["Metrics:Dashboard"] = "true",
        };
    }

    private const string StLizier = "090000183";
    private const string Territory = """
        {"regions":[{"id":"OCC","name":"Occitanie","sectors":[{"id":"SUD","name":"Sud","departments":[
          {"code":"09","name":"Ariège","establishments":[
            {"id":"090000183","name":"CH Ariège Couserans","category":"CH","emergencyDepartment":true,"units":[
              {"id":"med","name":"Médecine","category":"MED",
               "initial":{"installed":20,"closed":0,"surge":0,"occupied":12,"reserved":0,"expectedDischarges":1}}]}]}]}]}]}
        """;
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task After_a_few_writes_the_scrape_answers_the_named_meters()
    {
        using var admin = await Server.ClientAsync("admin");
        var import = await admin.PostAsync("/api/admin/territory", new StringContent(Territory, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        var establishment = await admin.GetJsonAsync($"/api/establishments/{StLizier}");
        var unit = establishment.GetProperty("children")[0];
        var unitId = unit.GetProperty("id").GetString()!;
        var installed = unit.Int("beds", "installed");
        for (var occupied = 0; occupied < 3; occupied++)
        {
            var put = await admin.PutJsonAsync($"/api/establishments/{StLizier}/units/{unitId}/beds", Json.Beds(installed, 0, 0, occupied, 0, 0));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        var refused = await admin.PutJsonAsync($"/api/establishments/{StLizier}/units/{unitId}/beds", Json.Beds(installed, 0, 0, installed + 5, 0, 0));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        string[] expected =
        [
            @"(?m)^bedcoord_updates_accepted_total(\{[^}]*\})? ([3-9]|\d\d+)",
            @"(?m)^bedcoord_updates_refused_total\{[^}]*status=""400""[^}]*\} [1-9]",
            @"(?m)^bedcoord_propagation_latency_seconds_count\{[^}]*region=""OCC""[^}]*\} [1-9]",
            @"(?m)^bedcoord_storage_write_duration_seconds_count\{[^}]*writer=""AuditEntry""[^}]*\} [1-9]",
            @"(?m)^bedcoord_storage_batch_size_count\{",
            @"(?m)^bedcoord_stale_units\{[^}]*region=""OCC""[^}]*\} \d+",
            @"(?m)^bedcoord_units\{[^}]*region=""OCC""[^}]*\} [1-9]",
        ];
        // Gauges are read every 10 s, and the exporter caches a scrape briefly: wait for all of them.
        var text = await Eventually.ValueAsync(() => admin.GetStringAsync("/metrics"),
            t => expected.All(e => System.Text.RegularExpressions.Regex.IsMatch(t, e)), TimeSpan.FromSeconds(30));
        foreach (var e in expected) Assert.Matches(e, text);
        // The host's own instrumentation is there too.
        Assert.Contains("http_server_request_duration_seconds", text);
    }

    [Fact]
    public async Task The_scrape_and_the_orleans_dashboard_are_for_admins_only()
    {
        using var anonymous = new HttpClient { BaseAddress = Server.BaseAddress };
        using var viewer = await Server.ClientAsync("viewer");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/metrics", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/orleans/", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/orleans/", TestContext.Current.CancellationToken)).StatusCode);
        using var admin = await Server.ClientAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/orleans/", TestContext.Current.CancellationToken)).StatusCode);
    }
}
