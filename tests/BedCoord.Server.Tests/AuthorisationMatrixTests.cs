using System.Net;
using System.Text;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>
/// Every role × every write endpoint × in and out of the caller's scope, with the expectation written from
/// domain.md §8 (not computed by the code under test): allowed writes succeed; refused ones get 403
/// problem+json and leave what they aimed at exactly as it was.
/// </summary>
public sealed class AuthorisationMatrixTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    // The callers' own scope: one Hérault establishment, sector EST, region OCC. "Out" targets are in Haute-Garonne (OUEST).
    private const string EstIn = "340785161", EstOut = "310783048";
    private static readonly Dictionary<string, (string Kind, string Id)> Targets = new()
    {
        ["establishment"] = ("establishments", EstIn), ["establishment-out"] = ("establishments", EstOut),
        ["department"] = ("departments", "34"), ["department-out"] = ("departments", "31"),
        ["sector"] = ("sectors", "EST"), ["sector-out"] = ("sectors", "OUEST"),
        ["region"] = ("regions", "OCC"),
    };

    private const string Rules = """{"staleAfter":"08:00:00","rules":[{"indicator":"edWaitingForBed","direction":"above","thresholds":[4,8,16],"hysteresis":1}]}""";
    private const string Declaration = """{"level":"crise","reason":"Matrice d'autorisation","expiresAt":"1h"}""";

    /// <summary>A write: its request on a target, the read that shows its effect, and what to set up and undo with an admin.</summary>
    private sealed record Write(string Name, Func<string, string, HttpRequestMessage> Request, Func<string, string, string> ReadPath,
        string ReadProperty, Func<string, string, HttpRequestMessage>? Setup = null, Func<string, string, HttpRequestMessage>? Undo = null);

    private static HttpRequestMessage Json(HttpMethod method, string path, string body, string type = "application/json") =>
        new(method, path) { Content = new StringContent(body, Encoding.UTF8, type) };

    private static readonly Dictionary<string, Write> Writes = new Write[]
    {
        new("beds", (k, id) => Json(HttpMethod.Put, $"/api/{k}/{id}/units/med/beds", BedsBody), (k, id) => $"/api/{k}/{id}/units/med", "beds"),
        new("emergency", (k, id) => Json(HttpMethod.Put, $"/api/{k}/{id}/emergency", """{"edWaitingForBed":9,"bedBlockers":4}"""),
            (k, id) => $"/api/{k}/{id}", "edWaitingForBed"),
        new("contact", (k, id) => Json(HttpMethod.Put, $"/api/{k}/{id}/contact", """{"bedManager":"Dr Matrice","phone":"04 67 00 00 00","hours":"24h/24"}"""),
            (k, id) => $"/api/{k}/{id}", "contact"),
        new("declare", (k, id) => Json(HttpMethod.Post, $"/api/{k}/{id}/declarations", Declaration), (k, id) => $"/api/{k}/{id}", "declaration",
            Undo: (k, id) => new HttpRequestMessage(HttpMethod.Delete, $"/api/{k}/{id}/declarations/current?reason=fin")),
        new("lift", (k, id) => new HttpRequestMessage(HttpMethod.Delete, $"/api/{k}/{id}/declarations/current?reason=fin"), (k, id) => $"/api/{k}/{id}", "declaration",
            Setup: (k, id) => Json(HttpMethod.Post, $"/api/{k}/{id}/declarations", Declaration),
            Undo: (k, id) => new HttpRequestMessage(HttpMethod.Delete, $"/api/{k}/{id}/declarations/current?reason=fin")),
        new("thresholds", (k, id) => Json(HttpMethod.Put, $"/api/{k}/{id}/thresholds", Rules), (k, id) => $"/api/{k}/{id}/thresholds", "",
            Undo: (k, id) => new HttpRequestMessage(HttpMethod.Delete, $"/api/{k}/{id}/thresholds")),
        new("thresholds-delete", (k, id) => new HttpRequestMessage(HttpMethod.Delete, $"/api/{k}/{id}/thresholds"), (k, id) => $"/api/{k}/{id}/thresholds", "",
            Setup: (k, id) => Json(HttpMethod.Put, $"/api/{k}/{id}/thresholds", Rules),
            Undo: (k, id) => new HttpRequestMessage(HttpMethod.Delete, $"/api/{k}/{id}/thresholds")),
        new("ed-admissions", (k, id) => Json(HttpMethod.Post, $"/api/{k}/{id}/ed-admissions", "date,count\n2025-01-06,12\n2025-01-07,15\n", "text/csv"),
            (k, id) => $"/api/{k}/{id}", "bjml"),
        new("rpu-quality", (k, id) => Json(HttpMethod.Put, $"/api/{k}/{id}/rpu-quality", """{"sufficient":false,"note":"Matrice"}"""),
            (k, id) => $"/api/{k}/{id}", "bjml",
            Undo: (k, id) => Json(HttpMethod.Put, $"/api/{k}/{id}/rpu-quality", """{"sufficient":true}""")),
        new("territory-import", (_, _) => Json(HttpMethod.Post, "/api/admin/territory", ImportBody), (_, _) => "/api/territory", ""),
    }.ToDictionary(w => w.Name);

    private static string BedsBody => $$"""{"installed":30,"closed":1,"surge":0,"occupied":{{Random.Shared.Next(0, 20)}},"reserved":0,"expectedDischarges":2}""";

    private static string ImportBody => $$$"""
        {"regions":[{"id":"OCC","name":"Occitanie","sectors":[{"id":"OUEST","name":"Ouest","departments":[
          {"code":"31","name":"Haute-Garonne","establishments":[
            {"id":"310999997","name":"Clinique de la matrice","category":"clinique privée","latitude":43.6,"longitude":1.44,
             "emergencyDepartment":false,"units":[{"id":"med","name":"Médecine {{{Guid.NewGuid():N}}}","category":"MED",
               "initial":{"installed":10,"closed":0,"surge":0,"occupied":2,"reserved":0,"expectedDischarges":0}}]}]}]}]}]}
        """;

    // domain.md §8, in the caller's own scope. Out of it (another establishment, another sector) bed managers and
    // coordinators are refused; the supervisor's scope is the whole region, so "out" targets are still its own.
    // viewer: nothing. bed-manager: bed states, emergency figures, declarations of its establishments (and, issue 4,
    // their contact line). coordinator: the same for its sectors' establishments, declarations and rule sets on its
    // départements and sectors (issue 3: and on one establishment). supervisor: everything in its region.
    // admin: reference data and imports, plus all the above. Admissions and RPU quality are imports of activity data.
    private static readonly (string Write, string Target, string[] Allowed)[] InScope =
    [
        ("beds", "establishment", ["bed-manager", "coordinator", "supervisor", "admin"]),
        ("emergency", "establishment", ["bed-manager", "coordinator", "supervisor", "admin"]),
        ("contact", "establishment", ["bed-manager", "coordinator", "supervisor", "admin"]),
        ("declare", "establishment", ["bed-manager", "coordinator", "supervisor", "admin"]),
        ("declare", "department", ["coordinator", "supervisor", "admin"]),
        ("declare", "sector", ["coordinator", "supervisor", "admin"]),
        ("declare", "region", ["supervisor", "admin"]),
        ("lift", "establishment", ["bed-manager", "coordinator", "supervisor", "admin"]),
        ("lift", "department", ["coordinator", "supervisor", "admin"]),
        ("thresholds", "establishment", ["coordinator", "supervisor", "admin"]),
        ("thresholds", "department", ["coordinator", "supervisor", "admin"]),
        ("thresholds", "sector", ["coordinator", "supervisor", "admin"]),
        ("thresholds", "region", ["supervisor", "admin"]),
        ("thresholds-delete", "department", ["coordinator", "supervisor", "admin"]),
        ("ed-admissions", "establishment", ["supervisor", "admin"]),
        ("rpu-quality", "establishment", ["supervisor", "admin"]),
        ("territory-import", "region", ["admin"]),
    ];

    private static readonly string[] Roles = ["viewer", "bed-manager", "coordinator", "supervisor", "admin"];

    public static TheoryData<string, string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (var (write, target, allowed) in InScope)
        {
            foreach (var role in Roles) data.Add(role, write, target, allowed.Contains(role));
            if (Targets.ContainsKey(target + "-out"))
                foreach (var role in Roles.Where(r => allowed.Contains(r)))
                    data.Add(role, write, target + "-out", role is "admin" or "supervisor");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_write_is_allowed_exactly_where_the_spec_allows_it(string role, string write, string target, bool allowed)
    {
        var server = fixture.Server;
        var (kind, id) = Targets[target];
        var spec = Writes[write];
        using var admin = await server.ClientAsync("admin", sub: "matrix-admin");
        using var caller = await server.ClientAsync(role, establishments: [EstIn], sectors: ["EST"], region: "OCC", sub: $"matrix-{role}");
        if (spec.Setup is { } setup) Assert.True((await admin.SendAsync(setup(kind, id))).IsSuccessStatusCode, $"setup of {write} on {target}");
        var before = await ReadAsync(admin, spec.ReadPath(kind, id), spec.ReadProperty);

        var response = await caller.SendAsync(spec.Request(kind, id));

        try
        {
            if (allowed)
            {
                Assert.True(response.IsSuccessStatusCode, $"{role} {write} {target}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            else
            {
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(before, await ReadAsync(admin, spec.ReadPath(kind, id), spec.ReadProperty));
            }
        }
        finally
        {
            if (spec.Undo is { } undo) await admin.SendAsync(undo(kind, id));
        }
    }

    private static async Task<string> ReadAsync(HttpClient http, string path, string property)
    {
        var json = await http.GetJsonAsync(path);
        if (property.Length == 0) return json.GetRawText();
        // Optional members (a contact line never set) are left out of the JSON rather than null.
        return json.TryGetProperty(property, out var value) ? value.GetRawText() : "(absent)";
    }
}
