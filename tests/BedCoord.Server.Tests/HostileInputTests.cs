using System.Net;
using System.Text;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>
/// A generated corpus of malformed, oversized, wrong-typed, out-of-range, injection-shaped and traversal
/// requests against every write endpoint, sent with an admin token so that only validation stands in the
/// way: every one gets a 4xx, nothing changes, and the server stays healthy.
/// </summary>
public sealed class HostileInputTests(UnthrottledServerFixture fixture) : IClassFixture<UnthrottledServerFixture>
{
    private const string Finess = "340785161";

    private static readonly string[] Bodies =
    [
        "", "null", "[]", "{}", "\"text\"", "42", "{\"installed\":", "{{{{", "{\"installed\":1e400}",
        "{\"installed\":-0.0001}", "{\"installed\":\"'; DROP TABLE orleansstorage; --\"}",
        "{\"level\":{\"$gt\":\"\"},\"reason\":[1,2]}", "{\"rules\":[{\"indicator\":\"../../etc/passwd\"}]}",
        "{\"staleAfter\":\"99999999:00:00\",\"rules\":null}", "{\"edWaitingForBed\":2147483648,\"bedBlockers\":-2147483649}",
        "{\"sufficient\":\"yes\",\"note\":" + "\"" + new string('n', 600) + "\"}",
        "{\"bedManager\":\"<script>alert(1)</script>\",\"phone\":\"'; --\",\"hours\":null}",
        "{\"regions\":[{\"id\":\"occ\",\"sectors\":[{\"id\":null}]}]}", "{\"regions\":\"all\"}",
        "\u0000\u0001\u0002", "{\"a\":\"\uD800\"}", new string('[', 200) + new string(']', 200),
        "{\"x\":\"" + new string('x', 1_200_000) + "\"}",
    ];

    private static readonly string[] Paths =
    [
        $"/api/establishments/{Finess}/units/med/beds", $"/api/establishments/{Finess}/emergency",
        $"/api/establishments/{Finess}/contact", $"/api/establishments/{Finess}/declarations",
        $"/api/departments/34/thresholds", $"/api/establishments/{Finess}/ed-admissions",
        $"/api/establishments/{Finess}/rpu-quality", "/api/admin/territory",
        "/api/establishments/..%2F..%2Fetc%2Fpasswd/units/med/beds", "/api/establishments/%00/emergency",
        $"/api/establishments/{Finess}/units/{new string('a', 5000)}/beds", "/api/regions/OCC'%20OR%201=1--/thresholds",
        "/api/planets/earth/declarations", $"/api/establishments/{Finess}/units/MED/beds",
    ];

    [Fact]
    public async Task Every_hostile_request_gets_a_4xx_changes_nothing_and_the_server_stays_healthy()
    {
        var server = fixture.Server;
        using var admin = await server.ClientAsync("admin");
        var before = await Snapshot(admin);
        var failures = new List<string>();

        foreach (var path in Paths)
            foreach (var body in Bodies)
                foreach (var (method, type) in new[] { (HttpMethod.Put, "application/json"), (HttpMethod.Post, "application/json"), (HttpMethod.Put, "text/csv"), (HttpMethod.Post, "text/plain") })
                {
                    var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, type) };
                    // A refused request may leave its body unread, and then Kestrel closes the connection: one per request.
                    request.Headers.ConnectionClose = true;
                    HttpResponseMessage response;
                    try { response = await admin.SendAsync(request, TestContext.Current.CancellationToken); }
                    catch (HttpRequestException) when (body.Length > 1024 * 1024)
                    {
                        continue; // answered and closed before the client finished sending an oversized body
                    }
                    catch (HttpRequestException e) { failures.Add($"{method} {Short(path)} [{type}] {Short(body)} -> {e.Message}"); continue; }
                    var status = (int)response.StatusCode;
                    if (status is < 400 or >= 500)
                        failures.Add($"{method} {Short(path)} [{type}] {Short(body)} -> {status}");
                }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
        Assert.Equal(before, await Snapshot(admin));
        using var anonymous = new HttpClient { BaseAddress = server.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode);
    }

    private static async Task<string> Snapshot(HttpClient http) =>
        (await http.GetJsonAsync("/api/regions/OCC")).GetProperty("beds").ToString()
        + (await http.GetJsonAsync($"/api/establishments/{Finess}")).GetProperty("edWaitingForBed")
        + (await http.GetStringAsync("/api/departments/34/thresholds"))
        + (await http.GetJsonAsync($"/api/establishments/{Finess}")).GetProperty("declaredLevel");

    private static string Short(string s) => s.Length <= 60 ? s.Replace("\0", "\\0") : s[..60] + "…";
}
