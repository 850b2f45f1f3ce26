using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BedCoord.Testing;
using UglyToad.PdfPig;

namespace BedCoord.Server.Tests;

/// <summary>
/// The weekly meeting report through the API on a real server. The API cannot backdate a write, so the past
/// week's inputs are inserted into the audit trail (the input log) directly, as an import of the past would be;
/// the report replays them. Expected figures are computed by hand in the comments.
/// </summary>
public sealed class WeeklyReportApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private ServerProcess Server => fixture.Server;

    /// <summary>Last ISO week in Paris: its name and its Monday.</summary>
    private static (string Name, DateOnly Monday) LastWeek()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7);
        var d = monday.ToDateTime(TimeOnly.MinValue);
        return ($"{ISOWeek.GetYear(d)}-W{ISOWeek.GetWeekOfYear(d):00}", monday);
    }

    private static DateTimeOffset ParisTime(DateOnly day, int hour, int minute = 0)
    {
        var wall = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(wall, Paris.GetUtcOffset(wall)).ToUniversalTime();
    }

    private Task Audit(DateTimeOffset at, string action, string kind, string id, string after) => Db.ExecuteAsync(fixture.Database,
        "INSERT INTO bedcoord_audit (at, actor, role, action, scope_kind, scope_id, after) VALUES ($1, 'import-passe', 'admin', $2, $3, $4, $5::jsonb)",
        at, action, kind, id, after);

    private Task Beds(DateTimeOffset at, string finess, string unit, int occupied) =>
        Audit(at, "unit.beds", "unit", $"{finess}/{unit}", Json.Beds(32, 0, 0, occupied, 0, 0));

    private Task Emergency(DateTimeOffset at, string finess, int waiting, int blockers) =>
        Audit(at, "establishment.emergency", "establishment", finess, $$"""{"edWaitingForBed":{{waiting}},"bedBlockers":{{blockers}}}""");

    /// <summary>Daily post-emergency admissions of 10 on the same ISO week of the three previous years: BJML 10.</summary>
    private static async Task ImportAdmissions(HttpClient client, string finess, string week)
    {
        var year = int.Parse(week[..4], CultureInfo.InvariantCulture);
        var w = int.Parse(week[6..], CultureInfo.InvariantCulture);
        var counts = Enumerable.Range(1, 3).SelectMany(back => Enumerable.Range(0, 7)
            .Select(i => DateOnly.FromDateTime(ISOWeek.ToDateTime(year - back, Math.Min(w, ISOWeek.GetWeeksInYear(year - back)), DayOfWeek.Monday)).AddDays(i)))
            .Select(d => new { date = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), count = 10 });
        var r = await client.PostAsJsonAsync($"/api/establishments/{finess}/ed-admissions", counts);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    private static JsonElement Establishment(JsonElement answer, string finess) => answer.GetProperty("report").GetProperty("sections").EnumerateArray()
        .SelectMany(s => s.GetProperty("establishments").EnumerateArray()).Single(e => e.GetProperty("finess").GetString() == finess);

    /// <summary>An establishment of the Ariège with an ED (CH Ariège Couserans, CHIVA): its MED unit (32 beds) and its emergency figures over last week.</summary>
    private async Task<(HttpClient Client, string Week, DateOnly Monday)> WriteLastWeekAsync(string finess)
    {
        var (week, monday) = LastWeek();
        var client = await Server.ClientAsync("supervisor", region: "OCC", sub: "coord-09");
        await ImportAdmissions(client, finess, week);
        var start = ParisTime(monday, 0);
        await Beds(start.AddHours(-1), finess, "med", occupied: 28);            // 4 available from before Monday
        await Beds(ParisTime(monday.AddDays(2), 12), finess, "med", occupied: 20); // 12 available from Wednesday 12:00
        await Emergency(start.AddHours(-1), finess, waiting: 3, blockers: 1);
        await Emergency(ParisTime(monday.AddDays(3), 7), finess, waiting: 6, blockers: 2); // Thursday 07:00, before the census
        return (client, week, monday);
    }

    [Fact]
    public async Task Last_weeks_figures_are_computed_from_its_inputs()
    {
        const string finess = "090000183";
        var (client, week, monday) = await WriteLastWeekAsync(finess);
        using var _ = client;

        // live=true: another test of this class may have frozen the same week on the shared server.
        var answer = await client.GetJsonAsync($"/api/departments/09/reports/weekly?week={week}&live=true");
        var w = Establishment(answer, finess).GetProperty("week");

        // 08:00: Mon-Wed 4, Thu-Sun 12 (60/7); 15:00: Mon-Tue 4, Wed-Sun 12 (68/7).
        Assert.Equal((4, 8.6, 12, 7), Stats(w.GetProperty("available08")));
        Assert.Equal((4, 9.7, 12, 7), Stats(w.GetProperty("available15")));
        Assert.Equal("MCO", w.GetProperty("groups")[0].GetProperty("group").GetString());
        Assert.Equal(32, w.GetProperty("groups")[0].GetProperty("installed").GetInt32());
        // Nuits brancard: 3 waiting at the census Mon-Wed, 6 Thu-Sun.
        Assert.Equal([3, 3, 3, 6, 6, 6, 6], w.GetProperty("nightsOnTrolley").EnumerateArray().Select(n => n.GetProperty("value").GetInt32()));
        Assert.Equal(33, w.GetProperty("nightsOnTrolleyTotal").GetInt32());
        // BJML 10; 4 available post-ED beds (MED) from Monday 00:00 to Wednesday 12:00: 60 h on 3 days.
        var bjml = w.GetProperty("bjml");
        Assert.Equal((10, 3, 60.0), (bjml.GetProperty("value").GetInt32(), bjml.GetProperty("daysBelow").GetInt32(), bjml.GetProperty("hoursBelow").GetDouble()));
        Assert.Equal(6, w.GetProperty("edWaitingPeak").GetProperty("value").GetInt32());
        Assert.Equal(ParisTime(monday.AddDays(3), 7), w.GetProperty("edWaitingPeak").GetProperty("at").GetDateTimeOffset());
        var weekHours = (ParisTime(monday.AddDays(7), 0) - ParisTime(monday, 0)).TotalHours;
        Assert.Equal(weekHours, w.GetProperty("levels")[0].GetProperty("hours").GetDouble());
        Assert.Equal("Ariège", answer.GetProperty("report").GetProperty("departmentName").GetString());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("frozen").ValueKind);
        // The week after (this week) compares with it: S-1 has history; N-1 has none.
        var thisWeek = await client.GetJsonAsync("/api/departments/09/reports/weekly");
        var vs = Establishment(thisWeek, finess).GetProperty("vsPreviousWeek");
        Assert.Equal((week, 33), (vs.GetProperty("week").GetString(), vs.GetProperty("nightsOnTrolley").GetInt32()));
        Assert.False(Establishment(answer, finess).GetProperty("vsLastYear").GetProperty("hasHistory").GetBoolean());
    }

    [Fact]
    public async Task The_bed_blocker_register_shows_by_destination_and_days_waiting_for_the_week_and_its_department()
    {
        using var client = await Server.ClientAsync("supervisor", region: "OCC", sub: "coord-46");
        var lot = (await client.GetJsonAsync("/api/departments/46")).GetProperty("children").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
        var (a, b) = (lot[0], lot[1]);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime);
        async Task<long> Add(string finess, string destination, int daysAgo)
        {
            var r = await client.PostAsync($"/api/establishments/{finess}/bed-blockers", new StringContent(
                $$"""{"destination":"{{destination}}","since":"{{today.AddDays(-daysAgo):yyyy-MM-dd}}","viaTrajectoire":true}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }
        await Add(a, "SMR", 1);     // 0-2 days
        await Add(a, "SMR", 10);    // 8-30
        await Add(a, "EHPAD", 40);  // > 30
        var gone = await Add(a, "HAD", 5);
        await Add(b, "USLD", 4);    // 3-7
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/establishments/{a}/bed-blockers/{gone}", TestContext.Current.CancellationToken)).StatusCode);
        await client.ReachedRegionAsync(a);
        await client.ReachedRegionAsync(b);

        var answer = await client.GetJsonAsync("/api/departments/46/reports/weekly?live=true");
        var first = Establishment(answer, a).GetProperty("week").GetProperty("bedBlockers");
        Assert.Equal(("register", 3, 3), (first.GetProperty("source").GetString(), first.GetProperty("count").GetInt32(), first.GetProperty("registerLines").GetInt32()));
        Assert.Equal((2, 1, 0), (first.GetProperty("byDestination").GetProperty("SMR").GetInt32(), first.GetProperty("byDestination").GetProperty("EHPAD").GetInt32(),
            first.GetProperty("byDestination").GetProperty("HAD").GetInt32()));
        Assert.Equal([1, 0, 1, 1], new[] { "0-2", "3-7", "8-30", ">30" }.Select(k => first.GetProperty("byWait").GetProperty(k).GetInt32()));

        // The département sums every establishment: the two registers' lines by destination and wait, the others' declared figures.
        var total = answer.GetProperty("report").GetProperty("totals").GetProperty("bedBlockers");
        var establishments = answer.GetProperty("report").GetProperty("sections").EnumerateArray().SelectMany(x => x.GetProperty("establishments").EnumerateArray())
            .Select(e => e.GetProperty("week")).Where(w => w.GetProperty("bedBlockers").ValueKind == JsonValueKind.Object).ToList();
        Assert.Equal(4, total.GetProperty("registerLines").GetInt32());
        Assert.Equal(establishments.Sum(w => w.GetProperty("bedBlockers").GetProperty("count").GetInt32()), total.GetProperty("count").GetInt32());
        Assert.Equal(establishments.Count > 2 ? "mixed" : "register", total.GetProperty("source").GetString());
        Assert.Equal((2, 1, 1), (total.GetProperty("byDestination").GetProperty("SMR").GetInt32(), total.GetProperty("byDestination").GetProperty("USLD").GetInt32(),
            total.GetProperty("byWait").GetProperty("3-7").GetInt32()));

        // Last week the registers did not exist yet: the report reads them as they stood then.
        var (week, _) = LastWeek();
        var before = Establishment(await client.GetJsonAsync($"/api/departments/46/reports/weekly?week={week}&live=true"), a).GetProperty("week").GetProperty("bedBlockers");
        Assert.True(before.ValueKind == JsonValueKind.Null || before.GetProperty("registerLines").GetInt32() == 0, before.ToString());

        // The page (and the PDF, the same HTML) shows the département's register and the establishment's line.
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/api/departments/46/reports/weekly?live=true&format=html", TestContext.Current.CancellationToken));
        Assert.Contains("Registre par destination attendue", html);
        Assert.Contains("Registre par durée d'attente", html);
        Assert.Contains("<strong>3 patients</strong> en attente d'aval — Soins médicaux et de réadaptation 2, EHPAD 1 ; attente 0 à 2 j 1, 8 à 30 j 1, plus de 30 j 1.", html);
    }

    private static (int, double, int, int) Stats(JsonElement s) =>
        (s.GetProperty("min").GetInt32(), s.GetProperty("mean").GetDouble(), s.GetProperty("max").GetInt32(), s.GetProperty("samples").GetInt32());

    [Fact]
    public async Task A_frozen_report_reads_the_same_after_a_later_change_and_its_PDF_holds_its_figures()
    {
        // Not the establishment of the test above: both write last week on the same server.
        const string finess = "090000175";
        var (client, week, monday) = await WriteLastWeekAsync(finess);
        using var _ = client;
        var viewer = await Server.ClientAsync("viewer");
        var refused = await viewer.PostAsync($"/api/departments/09/reports/weekly/freeze?week={week}", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var frozen = await client.PostAsync($"/api/departments/09/reports/weekly/freeze?week={week}", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, frozen.StatusCode);
        var stamp = await frozen.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("coord-09", stamp.GetProperty("frozenBy").GetString());
        // A correction of that week arrives after the meeting: 30 waiting on Saturday morning.
        await Emergency(ParisTime(monday.AddDays(5), 6), finess, waiting: 30, blockers: 2);

        var served = await client.GetJsonAsync($"/api/departments/09/reports/weekly?week={week}");
        Assert.Equal(stamp.GetProperty("id").GetInt64(), served.GetProperty("frozen").GetProperty("id").GetInt64());
        Assert.Equal(6, Establishment(served, finess).GetProperty("week").GetProperty("edWaitingPeak").GetProperty("value").GetInt32());
        var live = await client.GetJsonAsync($"/api/departments/09/reports/weekly?week={week}&live=true");
        Assert.Equal(30, Establishment(live, finess).GetProperty("week").GetProperty("edWaitingPeak").GetProperty("value").GetInt32());
        var versions = await client.GetJsonAsync($"/api/departments/09/reports/weekly/freezes?week={week}");
        Assert.Equal(1, versions.GetArrayLength());
        Assert.Equal(1L, await Db.ScalarAsync<long>(fixture.Database,
            "SELECT count(*) FROM bedcoord_audit WHERE action = 'report.freeze' AND scope_id = '09' AND actor = 'coord-09'"));

        var html = await client.GetStringAsync($"/api/departments/09/reports/weekly?week={week}&format=html", TestContext.Current.CancellationToken);
        Assert.Contains("Figé le", html);
        Assert.Contains("par coord-09", html);

        // Chromium on a loaded 2-core machine may take longer than the default client's 30 s.
        using var slow = new HttpClient { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        slow.DefaultRequestHeaders.Authorization = new("Bearer", await Server.TokenAsync("viewer"));
        var pdf = await slow.GetAsync($"/rapport/departement/09.pdf?semaine={week}", TestContext.Current.CancellationToken);
        Assert.True(pdf.IsSuccessStatusCode, await pdf.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Ariège", text);
        Assert.Contains("VERGES", text);
        Assert.Contains("Figé", text);
        Assert.Contains("BJML 10", text);
        Assert.Contains("8,6", text); // the mean of the 08:00 census, as frozen
        Assert.True(document.GetPage(1).Width > document.GetPage(1).Height, "A4 landscape");
    }

    [Fact]
    public async Task Open_actions_carry_over_to_next_weeks_report_until_closed()
    {
        var (week, monday) = LastWeek();
        var next = monday.AddDays(14).ToDateTime(TimeOnly.MinValue); // last week's Monday + 2 weeks
        var nextWeek = $"{ISOWeek.GetYear(next)}-W{ISOWeek.GetWeekOfYear(next):00}";
        using var client = await Server.ClientAsync("supervisor", region: "OCC", sub: "coord-12");

        var created = await client.PostAsJsonAsync($"/api/departments/12/reports/weekly/actions?week={week}",
            new { what = "Ouvrir 6 lits de médecine en renfort", establishment = (string?)null, owner = "Dr Martin", dueDate = "2030-01-15" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetInt64();

        // Recorded last week and still open: this week's report and next week's show it.
        var thisWeek = await client.GetJsonAsync("/api/departments/12/reports/weekly/actions");
        Assert.Contains(thisWeek.EnumerateArray(), a => a.GetProperty("id").GetInt64() == id && a.GetProperty("status").GetString() == "ouverte");
        Assert.Contains((await client.GetJsonAsync($"/api/departments/12/reports/weekly/actions?week={nextWeek}")).EnumerateArray(), a => a.GetProperty("id").GetInt64() == id);

        var closed = await client.PatchAsync($"/api/departments/12/reports/weekly/actions/{id}",
            new StringContent("""{"status":"close"}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        // Closed this week: still listed this week (as closed), gone from next week's report.
        var after = await client.GetJsonAsync("/api/departments/12/reports/weekly/actions");
        Assert.Equal("close", after.EnumerateArray().Single(a => a.GetProperty("id").GetInt64() == id).GetProperty("status").GetString());
        Assert.DoesNotContain((await client.GetJsonAsync($"/api/departments/12/reports/weekly/actions?week={nextWeek}")).EnumerateArray(), a => a.GetProperty("id").GetInt64() == id);
        var history = await client.GetJsonAsync($"/api/departments/12/reports/weekly/actions/{id}/history");
        Assert.Equal(["ouverte", "close"], history.EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(2L, await Db.ScalarAsync<long>(fixture.Database,
            "SELECT count(*) FROM bedcoord_audit WHERE action LIKE 'report.action.%' AND scope_id = '12' AND actor = 'coord-12'"));
    }

    [Theory]
    [InlineData("/api/departments/09/reports/weekly?week=2026-W60", "week")]
    [InlineData("/api/departments/09/reports/weekly?week=semaine-48", "week")]
    [InlineData("/api/departments/09/reports/weekly/actions?week=2025-W53", "week")]
    [InlineData("/api/departments/09/reports/weekly?snapshot=abc", "snapshot")]
    [InlineData("/rapport/departement/09.pdf?semaine=48", "semaine")]
    public async Task A_bad_parameter_is_a_400_naming_it(string path, string parameter)
    {
        using var client = await Server.ClientAsync("viewer");
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task An_action_without_what_or_owner_is_refused_field_by_field_and_an_unknown_department_is_a_404()
    {
        using var client = await Server.ClientAsync("supervisor", region: "OCC");
        var bad = await client.PostAsJsonAsync("/api/departments/12/reports/weekly/actions", new { establishment = "310000001", dueDate = "demain" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.ProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("what", out _) && errors.TryGetProperty("owner", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/departments/99/reports/weekly", TestContext.Current.CancellationToken)).StatusCode);
    }
}
