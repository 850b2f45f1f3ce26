using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests.Contract;

/// <summary>
/// The corners of the contract: every 4xx the application answers is problem+json, whatever the client
/// accepts, and naming what was wrong where there is a field; removing what does not exist is a 404 that
/// leaves no audit row.
/// </summary>
[Collection(ContractCollection.Name)]
public sealed class ConsistentCornersTests(ContractServer fixture)
{
    private const string Finess = "120000039";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string?, string?, int, string?> BadRequests => new()
    {
        // method, path, content type, body, status, field the problem must name (null: no field)
        { "GET", "/api/nope", null, null, 404, null },
        { "GET", "/api/regions/OCC/nope/deeper", null, null, 404, null },
        { "POST", "/api/territory", "application/json", "{}", 405, null },
        { "DELETE", "/api/search", null, null, 405, null },
        { "PUT", $"/api/establishments/{Finess}/emergency", "text/plain", "7,3", 415, null },
        { "PUT", $"/api/establishments/{Finess}/emergency", "application/json", "{\"edWaitingForBed\":", 400, "$" },
        { "PUT", $"/api/establishments/{Finess}/emergency", "application/json", "{\"edWaitingForBed\":\"7\",\"bedBlockers\":3}", 400, "edWaitingForBed" },
        { "PUT", $"/api/establishments/{Finess}/units/med/beds", "application/json", "{\"installed\":10,\"closed\":0,\"surge\":0,\"occupied\":5,\"reserved\":0,\"expectedDischarges\":0,\"open\":10}", 400, "open" },
        { "PUT", $"/api/establishments/{Finess}/emergency", "application/json", "{\"edWaitingForBed\":\"" + new string('x', 1_100_000) + "\"}", 413, null },
        { "GET", "/api/search?category=ZZZ&limit=abc", null, null, 400, "limit" },
        { "GET", "/api/search?category=MED&near=north", null, null, 400, "near" },
        { "GET", "/api/alerts?since=yesterday", null, null, 400, "since" },
        { "GET", "/api/regions/OCC/history?step=2h", null, null, 400, "step" },
        { "GET", $"/api/establishments/{Finess}/bjml?date=07/12/2026", null, null, 400, "date" },
        { "GET", "/api/departments/12/reports/weekly?week=2026-W60", null, null, 400, "week" },
        { "GET", "/api/departments/12/reports/weekly/actions/abc/history", null, null, 404, null },
        { "GET", "/api/planets/earth/thresholds", null, null, 404, null },
        { "DELETE", "/api/regions/OCC/declarations/current", null, null, 400, "reason" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_is_answered_problem_json_naming_what_was_wrong(string method, string path, string? type, string? body, int status, string? field)
    {
        using var http = await fixture.Server.ClientAsync("supervisor");
        // A browser's Accept: the answer is problem+json all the same.
        http.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, type!);
        request.Headers.ConnectionClose = true;
        var response = await http.SendAsync(request, Ct);

        Assert.Equal(status, (int)response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        if (field is not null)
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task No_token_and_a_role_outside_its_scope_are_problem_json_too()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        anonymous.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var unauthorised = await anonymous.GetAsync("/api/territory", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
        await unauthorised.ProblemAsync();

        using var viewer = await fixture.Server.ClientAsync("viewer");
        var forbidden = await viewer.PutJsonAsync($"/api/establishments/{Finess}/emergency", """{"edWaitingForBed":1,"bedBlockers":0}""");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        await forbidden.ProblemAsync();
    }

    [Fact]
    public async Task Removing_a_rule_set_a_scope_does_not_have_is_a_404_and_writes_no_audit_row()
    {
        using var supervisor = await fixture.Server.ClientAsync("supervisor", sub: "corners-supervisor");
        using var admin = await fixture.Server.ClientAsync("admin", sub: "corners-admin");
        const string path = "/api/departments/12/thresholds";
        var own = """{"staleAfter":"06:00:00","rules":[{"indicator":"edWaitingForBed","direction":"above","thresholds":[3,6,9],"hysteresis":1}]}""";
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PutJsonAsync(path, own)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.DeleteAsync(path, Ct)).StatusCode);
        var head = await AuditHeadAsync(admin);
        Assert.Equal(("thresholds.remove", "corners-supervisor"), (head.GetProperty("action").GetString(), head.GetProperty("actor").GetString()));

        // Now the département inherits: there is nothing of its own to remove.
        var again = await supervisor.DeleteAsync(path, Ct);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("hérite", (await again.ProblemAsync()).GetProperty("detail").GetString());
        Assert.Equal(head.GetProperty("id").GetInt64(), (await AuditHeadAsync(admin)).GetProperty("id").GetInt64());
        var region = await supervisor.DeleteAsync("/api/regions/OCC/thresholds", Ct);
        Assert.Equal(HttpStatusCode.NotFound, region.StatusCode);
        Assert.Equal(head.GetProperty("id").GetInt64(), (await AuditHeadAsync(admin)).GetProperty("id").GetInt64());
        Assert.Equal("region", (await supervisor.GetJsonAsync(path)).GetProperty("inheritedFrom").GetProperty("kind").GetString());
    }

    private static async Task<JsonElement> AuditHeadAsync(HttpClient admin) =>
        (await admin.GetJsonAsync("/api/audit?limit=1")).EnumerateArray().Single();
}
