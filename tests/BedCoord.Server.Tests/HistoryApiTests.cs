using System.Net;
using System.Text;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>History, levels and replay through the API, on a real server whose projector reads the audit trail.</summary>
public sealed class HistoryApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerProcess Server => fixture.Server;

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));

    private async Task<(HttpClient Client, string Finess, string Unit)> UnitIn(string department)
    {
        var supervisor = await Server.ClientAsync("supervisor", region: "OCC");
        var est = (await supervisor.GetJsonAsync($"/api/departments/{department}")).GetProperty("children")[0].GetProperty("id").GetString()!;
        var unit = (await supervisor.GetJsonAsync($"/api/establishments/{est}")).GetProperty("children")[0].GetProperty("id").GetString()!;
        return (supervisor, est, unit);
    }

    private static async Task PutBeds(HttpClient client, string finess, string unit, int occupied)
    {
        var r = await client.PutJsonAsync($"/api/establishments/{finess}/units/{unit}/beds", Json.Beds(40, 0, 0, occupied, 0, 0));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task A_change_is_in_the_last_point_at_once_and_its_minute_is_stored_with_exact_values()
    {
        var (client, finess, unit) = await UnitIn("46");
        using var _ = client;
        await PutBeds(client, finess, unit, 30); // 10 available
        await PutBeds(client, finess, unit, 36); // 4 available
        await PutBeds(client, finess, unit, 33); // 7 available
        var written = DateTimeOffset.UtcNow;
        var minute = new DateTimeOffset(written.Ticks - written.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var est = await client.GetJsonAsync($"/api/establishments/{finess}");

        var live = await client.GetJsonAsync($"/api/establishments/{finess}/units/{unit}/history?from={Iso(written.AddMinutes(-5))}&step=1m");
        Assert.Equal(7, live.GetProperty("points").EnumerateArray().Last().GetProperty("available").GetInt32());

        // The projector writes a minute a few seconds after it closes; then the stored bucket holds the whole minute.
        var path = $"/api/establishments/{finess}/history?from={Iso(minute)}&to={Iso(minute.AddSeconds(59))}&step=1m";
        var stored = await Eventually.ValueAsync(() => client.GetJsonAsync(path),
            h => h.GetProperty("points").GetArrayLength() == 1 && DateTimeOffset.UtcNow > minute.AddMinutes(1).AddSeconds(10),
            TimeSpan.FromSeconds(100));
        var point = stored.GetProperty("points")[0];
        Assert.Equal(est.Available(), point.GetProperty("available").GetInt32());
        Assert.Equal(est.GetProperty("beds").GetProperty("open").GetInt32(), point.GetProperty("open").GetInt32());
        var unitPoint = (await client.GetJsonAsync($"/api/establishments/{finess}/units/{unit}/history?from={Iso(minute)}&to={Iso(minute.AddSeconds(59))}&step=1m"))
            .GetProperty("points")[0];
        Assert.Equal((7, 4, 10), (unitPoint.GetProperty("available").GetInt32(), unitPoint.GetProperty("availableMin").GetInt32(), unitPoint.GetProperty("availableMax").GetInt32()));
        Assert.Equal(JsonValueKind.Null, unitPoint.GetProperty("level").ValueKind);
    }

    [Fact]
    public async Task A_summary_at_a_past_instant_shows_the_figures_then_not_now()
    {
        var (client, finess, unit) = await UnitIn("48");
        using var _ = client;
        await PutBeds(client, finess, unit, 21); // 19 available
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var then = DateTimeOffset.UtcNow;
        var estThen = await client.GetJsonAsync($"/api/establishments/{finess}");
        await Task.Delay(300, TestContext.Current.CancellationToken);
        await PutBeds(client, finess, unit, 39); // 1 available

        var replay = await client.GetJsonAsync($"/api/establishments/{finess}?at={Iso(then)}");

        Assert.Equal(19, replay.Child(unit).Available());
        Assert.Equal(1, (await client.GetJsonAsync($"/api/establishments/{finess}")).Child(unit).Available());
        Assert.Equal(then.UtcDateTime, replay.GetProperty("at").GetDateTimeOffset().UtcDateTime, TimeSpan.FromMilliseconds(1));
        // Units never written through the audited API have no known past: only the audited one is replayed.
        Assert.True(replay.GetProperty("children").GetArrayLength() >= 1);
        Assert.Equal(estThen.Child(unit).GetProperty("beds").GetProperty("occupied").GetInt32(),
            replay.Child(unit).GetProperty("beds").GetProperty("occupied").GetInt32());
    }

    [Theory]
    [InlineData("/api/regions/OCC/history?from=hier", "from")]
    [InlineData("/api/regions/OCC/history?step=2m", "step")]
    [InlineData("/api/regions/OCC/history?from=2026-01-01T00:00:00Z&step=1m", "step")]
    [InlineData("/api/regions/OCC/history?from=2026-12-02T10:00:00Z&to=2026-12-01T10:00:00Z", "from")]
    [InlineData("/api/regions/OCC/history?format=pdf", "format")]
    [InlineData("/api/regions/OCC?at=2099-01-01T00:00:00Z", "at")]
    [InlineData("/api/regions/OCC?at=demain", "at")]
    [InlineData("/api/departments/31/levels?to=bientot", "to")]
    public async Task Bad_parameters_are_a_400_naming_the_parameter(string path, string field)
    {
        using var viewer = await Server.ClientAsync("viewer");
        var response = await viewer.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task History_answers_csv_and_csv_for_French_excel()
    {
        var (client, finess, unit) = await UnitIn("09");
        using var _ = client;
        await PutBeds(client, finess, unit, 25);

        var csv = await client.GetStringAsync($"/api/establishments/{finess}/history?format=csv&step=1h", TestContext.Current.CancellationToken);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("at,open,occupied,available,availableMin,availableMax,occupancyRate", lines[0]);
        Assert.True(lines.Length >= 2);

        var bytes = await client.GetByteArrayAsync($"/api/establishments/{finess}/history?format=csv-fr&step=1h", TestContext.Current.CancellationToken);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var fr = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("at;open;occupied", fr[0]);
        Assert.Matches(@"^\d\d/\d\d/\d{4} \d\d:\d\d;", fr[^1]);
        Assert.Contains(",", fr[^1].Split(';')[6]); // occupancy with a decimal comma

        var xlsx = await client.GetAsync($"/api/establishments/{finess}/history?format=xlsx&step=1h", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("PK", Encoding.ASCII.GetString((await xlsx.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken))[..2]));
    }

    [Fact]
    public async Task Level_changes_read_as_intervals_with_their_cause()
    {
        using var supervisor = await Server.ClientAsync("supervisor", region: "OCC");
        var aveyron = (await supervisor.GetJsonAsync("/api/departments/12")).GetProperty("children").EnumerateArray().ToList();
        var est = aveyron[0].GetProperty("id").GetString();
        // The demo's EDs have patients waiting: empty them so that the département's figure is this ED's alone.
        foreach (var ed in aveyron.Where(c => c.GetProperty("edWaitingForBed").GetInt32() > 0 || c.GetProperty("bedBlockers").GetInt32() > 0))
        {
            Assert.Equal(HttpStatusCode.OK, (await supervisor.PutJsonAsync($"/api/establishments/{ed.GetProperty("id").GetString()}/emergency", """{"edWaitingForBed":0,"bedBlockers":0}""")).StatusCode);
            await supervisor.ReachedRegionAsync(ed.GetProperty("id").GetString()!);
        }
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var rules = """{"staleAfter":"12:00:00","rules":[{"indicator":"edWaitingForBed","direction":"above","thresholds":[5,10,20],"hysteresis":2}]}""";
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PutJsonAsync("/api/departments/12/thresholds", rules)).StatusCode);
        foreach (var waiting in new[] { 25, 0 })
        {
            Assert.Equal(HttpStatusCode.OK, (await supervisor.PutJsonAsync($"/api/establishments/{est}/emergency", $$"""{"edWaitingForBed":{{waiting}},"bedBlockers":0}""")).StatusCode);
            // The département takes the latest figures of its establishments: a state it must see is waited for.
            await supervisor.ReachedRegionAsync(est!);
        }

        var intervals = await Eventually.ValueAsync(() => supervisor.GetJsonAsync($"/api/departments/12/levels?from={Iso(since)}"),
            l => l.EnumerateArray().Count(i => i.GetProperty("from").GetDateTimeOffset() >= since) >= 2, TimeSpan.FromSeconds(5));
        var recent = intervals.EnumerateArray().Where(i => i.GetProperty("from").GetDateTimeOffset() >= since).ToList();
        Assert.Equal([3, 0], recent.Select(i => i.GetProperty("level").GetInt32()));
        Assert.Contains("25", recent[0].GetProperty("cause").GetString());
        Assert.Equal(recent[1].GetProperty("from").GetDateTimeOffset(), recent[0].GetProperty("to").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, recent[1].GetProperty("to").ValueKind);
    }

    [Fact]
    public async Task The_contract_describes_the_history_calls_their_parameters_answers_and_errors()
    {
        using var anonymous = new HttpClient { BaseAddress = Server.BaseAddress };
        var doc = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).RootElement;

        var get = doc.GetProperty("paths").GetProperty("/api/{kind}/{id}/history").GetProperty("get");
        Assert.Equal("getScopeHistory", get.GetProperty("operationId").GetString());
        var parameters = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!.ToLowerInvariant()).ToList();
        Assert.Superset(new HashSet<string> { "kind", "id", "from", "to", "step", "format" }, parameters.ToHashSet());
        var responses = get.GetProperty("responses");
        Assert.True(responses.GetProperty("200").GetProperty("content").TryGetProperty("application/json", out var json));
        Assert.True(json.TryGetProperty("schema", out _));
        Assert.True(responses.GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out _));
        foreach (var status in new[] { "400", "401", "404" }) Assert.True(responses.TryGetProperty(status, out _), status);
        Assert.Equal("getScopeLevels", doc.GetProperty("paths").GetProperty("/api/{kind}/{id}/levels").GetProperty("get").GetProperty("operationId").GetString());
    }
}
