using System.Net;
using System.Text;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>
/// Every role × every write endpoint × the caller's own scope and somewhere else, with the expectation written
/// out from domain.md §8 (never asked of the code under test): allowed writes get their success status, are
/// seen on read-back and are audited under the caller's name; refused ones get 403 problem+json, leave what
/// they aimed at as it was and add nothing to the audit trail.
/// </summary>
public sealed class AuthorisationMatrixTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Finess = "340785161";   // Hérault (34), sector EST

    private static readonly Dictionary<string, Scope> Targets = new()
    {
        ["establishment"] = new("establishments", Finess), ["department"] = new("departments", "34"),
        ["sector"] = new("sectors", "EST"), ["region"] = new("regions", "OCC"),
    };

    // Callers' claims: all of the targets above, or none of them (a Haute-Garonne establishment, sector OUEST,
    // another region). Each role reads only its own claim, so one set of each serves every role.
    private static readonly (string[] Establishments, string[] Sectors, string Region) Own = ([Finess], ["EST"], "OCC");
    private static readonly (string[] Establishments, string[] Sectors, string Region) Elsewhere = (["310783048"], ["OUEST"], "NAQ");

    // domain.md §8 as data: who may make each write on a target of their own scope. Outside it, nobody may:
    // only admins are not bound to a scope. Roles: viewer, bed-manager, coordinator, supervisor, admin.
    private static readonly (string Write, string On, string Allowed)[] Spec =
    [
        ("beds", "establishment", "bed-manager coordinator supervisor admin"),
        ("emergency", "establishment", "bed-manager coordinator supervisor admin"),
        // §8 predates the contact line; docs/API.md files it with bed states and emergency figures.
        ("contact", "establishment", "bed-manager coordinator supervisor admin"),
        ("declare", "establishment", "bed-manager coordinator supervisor admin"),
        ("declare", "department", "coordinator supervisor admin"),
        ("declare", "sector", "coordinator supervisor admin"),
        ("declare", "region", "supervisor admin"),
        ("lift", "establishment", "bed-manager coordinator supervisor admin"),
        ("lift", "department", "coordinator supervisor admin"),
        ("lift", "sector", "coordinator supervisor admin"),
        ("lift", "region", "supervisor admin"),
        // §8 gives coordinators rule sets on their départements and sectors; issue 3 adds "a coordinator overrides
        // it for one département or one establishment (a small hospital whose ED waiting count matters more)".
        ("thresholds", "establishment", "coordinator supervisor admin"),
        ("thresholds", "department", "coordinator supervisor admin"),
        ("thresholds", "sector", "coordinator supervisor admin"),
        ("thresholds", "region", "supervisor admin"),
        ("inherit", "establishment", "coordinator supervisor admin"),
        ("inherit", "department", "coordinator supervisor admin"),
        ("inherit", "sector", "coordinator supervisor admin"),
        ("inherit", "region", "supervisor admin"),
        // The BJML's inputs are not among a bed manager's or coordinator's writes; a supervisor has "everything in its region".
        ("ed-admissions", "establishment", "supervisor admin"),
        ("rpu-quality", "establishment", "supervisor admin"),
        // The weekly meeting of a département is the coordinators' (issue 9): they freeze its report; supervisors too.
        ("report-freeze", "department", "coordinator supervisor admin"),
        ("territory-import", "region", "admin"),   // reference data and imports: admins, who have no scope to leave
    ];

    private static readonly string[] Roles = ["viewer", "bed-manager", "coordinator", "supervisor", "admin"];
    private static readonly string[] Scoped = ["bed-manager", "coordinator", "supervisor"];

    public static IEnumerable<TheoryDataRow<string, string, string, bool, bool>> Cases()
    {
        foreach (var (write, on, allowed) in Spec)
        {
            foreach (var role in Roles)
                yield return new(role, write, on, true, allowed.Split(' ').Contains(role));
            if (write != "territory-import")
                foreach (var role in Scoped) yield return new(role, write, on, false, false);
        }
    }

    private static int s_case;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_write_is_allowed_exactly_where_the_spec_allows_it(string role, string write, string on, bool inScope, bool allowed)
    {
        var server = fixture.Server;
        var n = Interlocked.Increment(ref s_case);
        var (target, endpoint) = (Targets[on], Endpoints[write]);
        var claims = inScope ? Own : Elsewhere;
        var sub = $"matrix-{n}-{role}";
        using var admin = await server.ClientAsync("admin", sub: $"matrix-{n}-admin");
        using var caller = await server.ClientAsync(role, claims.Establishments, claims.Sectors, claims.Region, sub);
        if (endpoint.Setup is { } setup) Assert.True((await setup(admin, target)).IsSuccessStatusCode, $"setup of {write} on {on}");

        var before = await ReadAsync(admin, endpoint, target, n);
        var auditBefore = await AuditHeadAsync(admin);
        var response = await endpoint.Send(caller, target, n);
        var after = await ReadAsync(admin, endpoint, target, n);
        var auditAfter = await AuditHeadAsync(admin);
        if (endpoint.Undo is { } undo) await undo(admin, target);

        var expected = allowed ? endpoint.Success : HttpStatusCode.Forbidden;
        Assert.True(expected == response.StatusCode,
            $"expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        if (allowed)
        {
            // The read-back must see an allowed write, or a refused one could slip past it unseen.
            Assert.NotEqual(before, after);
            Assert.Equal(sub, auditAfter?.GetProperty("actor").GetString());
        }
        else
        {
            await response.ProblemAsync();
            Assert.Equal(before, after);
            Assert.Equal(auditBefore?.GetProperty("id").GetInt64(), auditAfter?.GetProperty("id").GetInt64());
        }
    }

    private readonly record struct Scope(string Kind, string Id)
    {
        public override string ToString() => $"/api/{Kind}/{Id}";
    }

    /// <summary>
    /// A write endpoint: one valid request (its values depend on the case number n, so no two cases write the
    /// same thing), where its effect shows, and what an admin does before and after to leave the target as found.
    /// </summary>
    private sealed record Endpoint(HttpStatusCode Success, Func<HttpClient, Scope, int, Task<HttpResponseMessage>> Send,
        Func<Scope, int, string> ReadPath, string ReadProperty,
        Func<HttpClient, Scope, Task<HttpResponseMessage>>? Setup = null, Func<HttpClient, Scope, Task<HttpResponseMessage>>? Undo = null);

    private static readonly Dictionary<string, Endpoint> Endpoints = new()
    {
        ["beds"] = new(HttpStatusCode.OK, (http, s, n) => http.PutJsonAsync($"{s}/units/med/beds", Json.Beds(30, 1, 0, n % 20, 0, 2)),
            (s, _) => $"{s}/units/med", "version"),
        ["emergency"] = new(HttpStatusCode.OK, (http, s, n) => http.PutJsonAsync($"{s}/emergency", $$"""{"edWaitingForBed":{{1000 + n}},"bedBlockers":4}"""),
            (s, _) => $"{s}", "edWaitingForBed"),
        ["contact"] = new(HttpStatusCode.OK,
            (http, s, n) => http.PutJsonAsync($"{s}/contact", $$"""{"bedManager":"Dr Matrice","phone":"04 67 00 {{n:D4}}","hours":"24h/24"}"""),
            (s, _) => $"{s}", "contact"),
        ["declare"] = new(HttpStatusCode.Created, Declare, (s, _) => $"{s}", "declaration", Undo: Lift),
        ["lift"] = new(HttpStatusCode.NoContent, (http, s, _) => Lift(http, s), (s, _) => $"{s}", "declaration",
            Setup: (http, s) => Declare(http, s, 0), Undo: Lift),
        ["thresholds"] = new(HttpStatusCode.OK, (http, s, n) => http.PutJsonAsync($"{s}/thresholds", Rules(n)), (s, _) => $"{s}/thresholds", "",
            Undo: Inherit),
        ["inherit"] = new(HttpStatusCode.NoContent, (http, s, _) => Inherit(http, s), (s, _) => $"{s}/thresholds", "",
            Setup: (http, s) => http.PutJsonAsync($"{s}/thresholds", Rules(0)), Undo: Inherit),
        // One new day per case, read back as a sample of the same ISO week a year later.
        ["ed-admissions"] = new(HttpStatusCode.OK, (http, s, n) => Post(http, $"{s}/ed-admissions", $"date,count\n{Day(n):yyyy-MM-dd},12\n", "text/csv"),
            (s, n) => $"{s}/bjml?date={Day(n).AddDays(364):yyyy-MM-dd}", "samples"),
        // The note shows in the establishment's BJML reason.
        ["rpu-quality"] = new(HttpStatusCode.OK, (http, s, n) => http.PutJsonAsync($"{s}/rpu-quality", $$"""{"sufficient":false,"note":"Matrice {{n}}"}"""),
            (s, _) => $"{s}", "bjml", Undo: (http, s) => http.PutJsonAsync($"{s}/rpu-quality", """{"sufficient":true}""")),
        // Freezes are append-only: each case freezes a week of its own (2025) and reads that week's list of versions.
        ["report-freeze"] = new(HttpStatusCode.Created, (http, s, n) => Post(http, $"{s}/reports/weekly/freeze?week={Week(n)}", ""),
            (s, n) => $"{s}/reports/weekly/freezes?week={Week(n)}", ""),
        // Harmless by design: one establishment of its own, whose unit is renamed by every accepted import.
        ["territory-import"] = new(HttpStatusCode.OK, (http, _, n) => Post(http, "/api/admin/territory", Territory(n)),
            (_, _) => "/api/territory", ""),
    };

    private static Task<HttpResponseMessage> Post(HttpClient http, string path, string body, string type = "application/json") =>
        http.PostAsync(path, new StringContent(body, Encoding.UTF8, type), TestContext.Current.CancellationToken);

    private static Task<HttpResponseMessage> Declare(HttpClient http, Scope s, int n) =>
        Post(http, $"{s}/declarations", $$"""{"level":"crise","reason":"Matrice {{n}}","expiresAt":"1h"}""");

    private static Task<HttpResponseMessage> Lift(HttpClient http, Scope s) =>
        http.DeleteAsync($"{s}/declarations/current?reason=fin", TestContext.Current.CancellationToken);

    private static Task<HttpResponseMessage> Inherit(HttpClient http, Scope s) =>
        http.DeleteAsync($"{s}/thresholds", TestContext.Current.CancellationToken);

    private static string Rules(int n) =>
        $$"""{"staleAfter":"08:00:00","rules":[{"indicator":"edWaitingForBed","direction":"above","thresholds":[{{n + 4}},{{n + 8}},{{n + 16}}],"hysteresis":1}]}""";

    private static string Week(int n) => $"2025-W{n % 52 + 1:00}";

    private static DateOnly Day(int n) => new DateOnly(2021, 1, 4).AddDays(n);

    private static string Territory(int n) => $$$"""
        {"regions":[{"id":"OCC","name":"Occitanie","sectors":[{"id":"OUEST","name":"Ouest","departments":[
          {"code":"31","name":"Haute-Garonne","establishments":[
            {"id":"310999997","name":"Clinique de la matrice","category":"clinique privée","latitude":43.6,"longitude":1.44,
             "emergencyDepartment":false,"units":[{"id":"med","name":"Médecine {{{n}}}","category":"MED",
               "initial":{"installed":10,"closed":0,"surge":0,"occupied":2,"reserved":0,"expectedDischarges":0}}]}]}]}]}]}
        """;

    private static async Task<string> ReadAsync(HttpClient admin, Endpoint endpoint, Scope target, int n)
    {
        var json = await admin.GetJsonAsync(endpoint.ReadPath(target, n));
        if (endpoint.ReadProperty.Length == 0) return json.GetRawText();
        // Optional members (a contact line never set) are left out of the JSON rather than null.
        return json.TryGetProperty(endpoint.ReadProperty, out var value) ? value.GetRawText() : "(absent)";
    }

    private static async Task<JsonElement?> AuditHeadAsync(HttpClient admin) =>
        (await admin.GetJsonAsync("/api/audit?limit=1")).EnumerateArray().Select(e => (JsonElement?)e).FirstOrDefault();
}
