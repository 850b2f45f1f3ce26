using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>The 24 h outlook through the API: known bed figures and BJML in, the expected available beds out.</summary>
public sealed class OutlookApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerProcess Server => fixture.Server;

    private static JsonElement Point(JsonElement outlook, int horizon) =>
        outlook.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("horizonHours").GetInt32() == horizon);

    private static double D(JsonElement e, string name) => e.GetProperty(name).GetDouble();

    /// <summary>The smallest establishment of a département, with all its units set to known figures.</summary>
    private static async Task<(string Finess, string[] Units)> EstablishmentWithKnownBeds(HttpClient client, string department,
        int occupied, int discharges)
    {
        var children = (await client.GetJsonAsync($"/api/departments/{department}")).GetProperty("children").EnumerateArray().ToList();
        var sizes = new List<(string Id, string[] Units)>();
        foreach (var c in children.Take(6))
        {
            var id = c.GetProperty("id").GetString()!;
            var units = (await client.GetJsonAsync($"/api/establishments/{id}")).GetProperty("children").EnumerateArray()
                .Select(u => u.GetProperty("id").GetString()!).ToArray();
            if (units.Length > 0) sizes.Add((id, units));
        }
        var (finess, unitIds) = sizes.MinBy(s => s.Units.Length);
        await SetAll(client, finess, unitIds, occupied, discharges);
        return (finess, unitIds);
    }

    private static async Task SetAll(HttpClient client, string finess, string[] units, int occupied, int discharges)
    {
        foreach (var unit in units)
        {
            var r = await client.PutJsonAsync($"/api/establishments/{finess}/units/{unit}/beds", Json.Beds(20, 0, 0, occupied, 0, discharges));
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        }
        await client.ReachedRegionAsync(finess);
    }

    /// <summary>Four years of 12 post-emergency admissions a day: the BJML is 12 whatever the week.</summary>
    private static async Task ImportTwelveADay(HttpClient client, string finess)
    {
        var csv = new StringBuilder("date,count\n");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var d = today.AddYears(-4); d < today; d = d.AddDays(1)) csv.Append($"{d:yyyy-MM-dd},12\n");
        var import = await client.PostAsync($"/api/establishments/{finess}/ed-admissions", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutJsonAsync($"/api/establishments/{finess}/rpu-quality", """{"sufficient":true}""")).StatusCode);
    }

    [Fact]
    public async Task An_establishment_expects_its_available_beds_plus_its_discharges_minus_its_BJML_over_24_hours()
    {
        using var client = await Server.ClientAsync("supervisor", region: "OCC");
        // Every unit: 20 beds, 15 occupied (5 available), 3 discharges expected within 24 h.
        var (finess, units) = await EstablishmentWithKnownBeds(client, "82", occupied: 15, discharges: 3);
        await ImportTwelveADay(client, finess);
        var n = units.Length;

        var outlook = await client.GetJsonAsync($"/api/establishments/{finess}/outlook");

        Assert.Equal(("establishment", finess), (outlook.GetProperty("kind").GetString(), outlook.GetProperty("id").GetString()));
        Assert.Equal([0, 6, 12, 24], outlook.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("horizonHours").GetInt32()));
        var at = outlook.GetProperty("at").GetDateTimeOffset();
        Assert.Equal(DateTimeOffset.UtcNow, at, TimeSpan.FromMinutes(1));
        Assert.Equal(at.AddHours(24), Point(outlook, 24).GetProperty("at").GetDateTimeOffset());
        Assert.Contains("Estimation", outlook.GetProperty("method").GetString());
        Assert.Equal(5.0 * n, D(Point(outlook, 0), "available"));
        // After 24 h all the expected discharges and one day of BJML have passed: 5n + 3n - 12.
        Assert.Equal(Math.Max(0, 8.0 * n - 12), D(Point(outlook, 24), "available"));
        Assert.Equal(Math.Max(0, 12 - 8.0 * n), D(Point(outlook, 24), "shortfall"));
        foreach (var p in outlook.GetProperty("points").EnumerateArray())
        {
            Assert.InRange(D(p, "available"), D(p, "low"), D(p, "high"));
            // Each horizon is the same sum, with the part of the day's flows due by then.
            Assert.Equal(Math.Max(0, 5.0 * n + D(p, "discharges") - D(p, "admissions")), D(p, "available"), 0.11);
        }
        var inputs = outlook.GetProperty("inputs");
        Assert.Equal((5 * n, 3 * n), (inputs.Int("available"), inputs.Int("expectedDischarges")));
        Assert.Equal(12, inputs.GetProperty("bjml").GetProperty("value").GetInt32());
        // A new server has no hourly history yet: the profile is the documented default.
        Assert.Equal("défaut", inputs.GetProperty("admissionsProfile").GetProperty("source").GetString());
        Assert.Equal(24, inputs.GetProperty("admissionsProfile").GetProperty("shares").GetArrayLength());

        // Full units and nothing leaving: no bed left, and the 12 patients of the day without one are reported.
        await SetAll(client, finess, units, occupied: 20, discharges: 0);
        var full = await client.GetJsonAsync($"/api/establishments/{finess}/outlook");
        Assert.Equal((0, 12), (D(Point(full, 24), "available"), D(Point(full, 24), "shortfall")));
        Assert.True(D(Point(full, 6), "shortfall") > 0);
    }

    [Fact]
    public async Task A_departement_sums_its_establishments_and_says_when_the_BJML_is_missing()
    {
        using var client = await Server.ClientAsync("supervisor", region: "OCC");
        var (finess, _) = await EstablishmentWithKnownBeds(client, "46", occupied: 10, discharges: 2);
        // RPU quality flagged insufficient everywhere: no establishment of the département has a BJML, whatever the demo seeded.
        foreach (var est in (await client.GetJsonAsync("/api/departments/46")).GetProperty("children").EnumerateArray())
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PutJsonAsync($"/api/establishments/{est.GetProperty("id").GetString()}/rpu-quality",
                """{"sufficient":false,"note":"test"}""")).StatusCode);
            await client.ReachedRegionAsync(est.GetProperty("id").GetString()!);
        }
        var department = await client.GetJsonAsync("/api/departments/46");
        var available = department.Available();
        var discharges = department.GetProperty("beds").GetProperty("expectedDischarges").GetInt32();
        var open = department.GetProperty("beds").GetProperty("open").GetInt32();

        // No admissions imported in this département: no BJML, so only discharges count, and the method says so.
        var before = await Eventually.ValueAsync(() => client.GetJsonAsync("/api/departments/46/outlook"),
            o => o.GetProperty("inputs").GetProperty("bjml").GetProperty("value").ValueKind == JsonValueKind.Null, TimeSpan.FromSeconds(20));
        Assert.Contains("BJML non calculable", before.GetProperty("method").GetString());
        Assert.Equal(JsonValueKind.Null, before.GetProperty("inputs").GetProperty("bjml").GetProperty("value").ValueKind);
        Assert.Equal((double)Math.Min(open, available + discharges), D(Point(before, 24), "available"));
        Assert.Equal(0, D(Point(before, 24), "admissions"));

        await ImportTwelveADay(client, finess);
        // The establishment tells its département of its new BJML; the outlook reads the département's figures.
        var after = await Eventually.ValueAsync(() => client.GetJsonAsync("/api/departments/46/outlook"),
            o => o.GetProperty("inputs").GetProperty("bjml").GetProperty("value").ValueKind == JsonValueKind.Number, TimeSpan.FromSeconds(20));
        Assert.Equal(12, after.GetProperty("inputs").GetProperty("bjml").GetProperty("value").GetInt32());
        Assert.Equal((double)Math.Min(open, available + discharges - 12), D(Point(after, 24), "available"));
    }

    [Fact]
    public async Task An_outlook_at_a_past_instant_starts_from_the_state_then()
    {
        using var client = await Server.ClientAsync("supervisor", region: "OCC");
        var (finess, units) = await EstablishmentWithKnownBeds(client, "12", occupied: 14, discharges: 1);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var then = DateTimeOffset.UtcNow;
        await Task.Delay(300, TestContext.Current.CancellationToken);
        await SetAll(client, finess, units, occupied: 19, discharges: 1);

        var past = await client.GetJsonAsync($"/api/establishments/{finess}/outlook?at={Uri.EscapeDataString(then.ToString("O"))}");
        var now = await client.GetJsonAsync($"/api/establishments/{finess}/outlook");

        Assert.Equal(6.0 * units.Length, D(Point(past, 0), "available"));
        Assert.Equal("replay", past.GetProperty("inputs").GetProperty("state").GetString());
        Assert.Equal(then.UtcDateTime, past.GetProperty("at").GetDateTimeOffset().UtcDateTime, TimeSpan.FromMilliseconds(1));
        Assert.Equal(1.0 * units.Length, D(Point(now, 0), "available"));
    }

    [Theory]
    [InlineData("/api/regions/OCC/outlook?at=demain", HttpStatusCode.BadRequest, "at")]
    [InlineData("/api/regions/OCC/outlook?at=2099-01-01T00:00:00Z", HttpStatusCode.BadRequest, "at")]
    [InlineData("/api/departments/99/outlook", HttpStatusCode.NotFound, null)]
    [InlineData("/api/establishments/000000000/outlook", HttpStatusCode.NotFound, null)]
    [InlineData("/api/planets/OCC/outlook", HttpStatusCode.NotFound, null)]
    public async Task Bad_parameters_and_unknown_scopes_are_problems(string path, HttpStatusCode status, string? field)
    {
        using var viewer = await Server.ClientAsync("viewer");
        var response = await viewer.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(status, response.StatusCode);
        var problem = await response.ProblemAsync();
        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task The_outlook_is_described_in_the_OpenAPI_document()
    {
        using var viewer = await Server.ClientAsync("viewer");
        var doc = await viewer.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);
        var get = doc.GetProperty("paths").GetProperty("/api/{kind}/{id}/outlook").GetProperty("get");
        Assert.Equal("getOutlook", get.GetProperty("operationId").GetString());
        Assert.True(get.GetProperty("responses").TryGetProperty("404", out _));
    }
}
