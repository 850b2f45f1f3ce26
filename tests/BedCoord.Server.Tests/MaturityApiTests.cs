using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>
/// The maturity index through the API on a real server with the demo seed (demonstration grid and two years of
/// answers). Tests that change the grid in force put back a grid with the demonstration's question ids.
/// </summary>
public sealed class MaturityApiTests(PatientServerFixture fixture) : IClassFixture<PatientServerFixture>
{
    private const string Ariege = "090000183";      // CH Ariège Couserans, ED, sector SUD, département 09
    private const string Toulouse = "310783048";    // Purpan, ED, sector OUEST
    private ServerProcess Server => fixture.Server;

    private static string Path(string finess) => $"/api/establishments/{finess}/maturity";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The establishment's maturity once the demo seed is done: it runs beside readiness (grid, then two years of answers).</summary>
    private static async Task<JsonElement> Maturity(HttpClient client, string finess)
    {
        await Eventually.ValueAsync(() => client.GetJsonAsync("/api/regions/OCC/maturity"),
            r => r.GetProperty("overall").GetProperty("answered").GetInt32() > 0, TimeSpan.FromSeconds(60));
        return await client.GetJsonAsync(Path(finess));
    }

    private static string Body(string version, object answers, bool submit) =>
        JsonSerializer.Serialize(new { gridVersion = version, answers, submit });

    private static string Version(JsonElement m) => m.GetProperty("grid").GetProperty("version").GetString()!;
    private static int Versions(JsonElement m) => m.GetProperty("history").GetArrayLength();

    [Fact]
    public async Task A_bed_manager_saves_a_draft_then_submits_a_version_scored_at_once()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Toulouse], sub: "gestionnaire-purpan");
        var before = await Maturity(manager, Toulouse);
        var version = Version(before);

        var draft = await manager.PutJsonAsync(Path(Toulouse), Body(version, new { BM2 = "efficient", PI3 = "hebdo" }, submit: false));
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        var afterDraft = await manager.GetJsonAsync(Path(Toulouse));
        Assert.Equal(Versions(before), Versions(afterDraft));                       // a draft is not a version
        Assert.Equal("efficient", afterDraft.GetProperty("formAnswers").GetProperty("BM2").GetString());
        Assert.Equal("gestionnaire-purpan", afterDraft.GetProperty("draft").GetProperty("savedBy").GetString());

        var all = before.GetProperty("grid").GetProperty("questions").EnumerateArray()
            .ToDictionary(q => q.GetProperty("id").GetString()!, q => q.GetProperty("options").EnumerateArray().Last().GetProperty("id").GetString()!);
        var submitted = await manager.PutJsonAsync(Path(Toulouse), Body(version, all, submit: true));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var submission = await submitted.Content.ReadFromJsonAsync<JsonElement>(Ct);
        // Every scored question at its best option: 100 % overall and in every theme (the BJML of Purpan is computable in the demo).
        Assert.Equal(100.0, submission.GetProperty("score").GetProperty("percent").GetDouble());
        Assert.All(submission.GetProperty("score").GetProperty("themes").EnumerateArray(), t => Assert.Equal(100.0, t.GetProperty("percent").GetDouble()));

        var after = await manager.GetJsonAsync(Path(Toulouse));
        Assert.Equal(Versions(before) + 1, Versions(after));
        Assert.Equal(JsonValueKind.Null, after.GetProperty("draft").ValueKind);     // submitting clears the draft
        var latest = after.GetProperty("latest");
        Assert.Equal("gestionnaire-purpan", latest.GetProperty("submittedBy").GetString());
        Assert.Equal(version, latest.GetProperty("gridVersion").GetString());
    }

    [Fact]
    public async Task An_establishment_whose_BJML_cannot_be_computed_scores_zero_on_the_BJML_item()
    {
        using var supervisor = await Server.ClientAsync("supervisor", sub: "oru");
        var m = await Maturity(supervisor, Ariege);
        var quality = await supervisor.PutJsonAsync($"/api/establishments/{Ariege}/rpu-quality", """{"sufficient":false,"note":"RPU incomplets"}""");
        Assert.Equal(HttpStatusCode.OK, quality.StatusCode);

        var r = await supervisor.PutJsonAsync(Path(Ariege), Body(Version(m), new { PI3 = "quotidien", PI2 = "efficient" }, submit: true));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var score = (await r.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("score");
        Assert.True(score.GetProperty("bjmlZeroed").GetBoolean());
        // Le pilotage: PI2 (weight 2) at 4 points = 8; maximum (2 + 2 + 2 + 1 + 1 + 2) × 4 = 40, PI3's 8 points included.
        var pilotage = score.GetProperty("themes").EnumerateArray().Single(t => t.GetProperty("theme").GetString() == "pilotage");
        Assert.Equal(8.0, pilotage.GetProperty("points").GetDouble());
        Assert.Equal(40.0, pilotage.GetProperty("maxPoints").GetDouble());

        await supervisor.PutJsonAsync($"/api/establishments/{Ariege}/rpu-quality", """{"sufficient":true}""");
    }

    [Theory]
    [InlineData("""{"Q99":"oui"}""", "answers.Q99")]                    // a question of no grid in force
    [InlineData("""{"BM1":"peut-etre"}""", "answers.BM1")]              // an option that does not exist
    [InlineData("""{"PI3":"non-concerne"}""", "answers.PI3")]           // the BJML item has no "non concerné"
    [InlineData("""{"BM1":"non-concerne"}""", "answers.BM1")]           // nor has BM1
    [InlineData("""{"BM1":4}""", "answers.BM1")]
    public async Task A_wrong_answer_is_refused_naming_it_and_nothing_changes(string answers, string field)
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Ariege]);
        var before = await Maturity(manager, Ariege);
        var body = $$"""{"gridVersion":"{{Version(before)}}","answers":{{answers}},"submit":true}""";

        var r = await manager.PutJsonAsync(Path(Ariege), body);

        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.True((await r.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _), await r.Content.ReadAsStringAsync(Ct));
        var after = await manager.GetJsonAsync(Path(Ariege));
        Assert.Equal(Versions(before), Versions(after));
        Assert.Equal(before.GetProperty("draft").ToString(), after.GetProperty("draft").ToString());
    }

    [Fact]
    public async Task Non_concerne_is_accepted_where_the_grid_allows_it_and_answers_for_another_grid_version_are_refused()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Ariege]);
        var m = await Maturity(manager, Ariege);
        var ok = await manager.PutJsonAsync(Path(Ariege), Body(Version(m), new { BM3 = "non-concerne" }, submit: false));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        var stale = await manager.PutJsonAsync(Path(Ariege), Body("2019.1", new { BM1 = "efficient" }, submit: true));
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.True((await stale.ProblemAsync()).GetProperty("errors").TryGetProperty("gridVersion", out _));

        var unknown = await manager.PutJsonAsync(Path(Ariege), """{"gridVersion":"x","answers":{},"submitted":true}""");
        Assert.True((await unknown.ProblemAsync()).GetProperty("errors").TryGetProperty("submitted", out _));
    }

    [Theory]
    [InlineData("bed-manager", new[] { Toulouse }, new string[0], HttpStatusCode.Forbidden)]   // another establishment's bed manager
    [InlineData("coordinator", new string[0], new[] { "OUEST" }, HttpStatusCode.Forbidden)]     // a coordinator of another sector
    [InlineData("viewer", new string[0], new string[0], HttpStatusCode.Forbidden)]
    [InlineData("coordinator", new string[0], new[] { "SUD" }, HttpStatusCode.OK)]               // the establishment's sector
    public async Task Only_the_establishments_bed_managers_its_coordinators_and_supervisors_answer(string role, string[] establishments, string[] sectors,
        HttpStatusCode expected)
    {
        using var caller = await Server.ClientAsync(role, establishments: establishments, sectors: sectors);
        var m = await Maturity(caller, Ariege);
        var r = await caller.PutJsonAsync(Path(Ariege), Body(Version(m), new { BM2 = "partiel" }, submit: false));
        Assert.Equal(expected, r.StatusCode);
        if (expected == HttpStatusCode.Forbidden) Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_new_grid_version_becomes_the_one_in_force_keeps_fitting_answers_and_old_versions_keep_their_scores()
    {
        using var admin = await Server.ClientAsync("admin", sub: "admin-oru");
        using var supervisor = await Server.ClientAsync("supervisor");
        var m = await Maturity(admin, Ariege);
        var oldVersion = Version(m);
        await admin.PutJsonAsync(Path(Ariege), Body(oldVersion, new { BM1 = "souvent", OU1 = "efficient" }, submit: true));

        // CSV import: wrong rows are refused naming the line and column; supervisors may not import.
        const string badCsv = "theme;theme_label;question;text;weight;qualitative;non_concerne;bjml;option;option_label;points\nA;A;Q1;Texte;lourd;non;non;non;o;Oui;4\n";
        var bad = await admin.PostAsync("/api/maturity/grids?version=csv-1&title=T", new StringContent(badCsv, Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.ProblemAsync()).GetProperty("errors").TryGetProperty("ligne 2.weight", out _));
        var forbidden = await supervisor.PostAsync("/api/maturity/grids?version=csv-1&title=T", new StringContent(badCsv.Replace("lourd", "1"), Encoding.UTF8, "text/csv"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        // The next version, as JSON: BM1 changes its options (souvent is gone), PR6 leaves, PR7 arrives.
        var grid = JsonNode.Parse(m.GetProperty("grid").GetRawText())!.AsObject();
        var newVersion = "test-" + Guid.NewGuid().ToString("N")[..8];
        grid["version"] = newVersion;
        var questions = grid["questions"]!.AsArray();
        var bm1 = questions.First(q => q!["id"]!.GetValue<string>() == "BM1")!;
        bm1["options"] = JsonNode.Parse("""[{"id":"non","label":"Non","points":0},{"id":"oui","label":"Oui","points":4}]""");
        questions.Remove(questions.First(q => q!["id"]!.GetValue<string>() == "PR6"));
        questions.Add(JsonNode.Parse("""{"id":"PR7","theme":"procedures","text":"Nouvelle question","weight":1,"options":[{"id":"non","label":"Non","points":0},{"id":"oui","label":"Oui","points":4}]}"""));
        var imported = await admin.PostAsync("/api/maturity/grids", new StringContent(grid.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var again = await admin.PostAsync("/api/maturity/grids", new StringContent(grid.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var grids = await admin.GetJsonAsync("/api/maturity/grids");
        Assert.Equal(newVersion, grids[0].GetProperty("version").GetString());

        var now = await admin.GetJsonAsync(Path(Ariege));
        Assert.Equal(newVersion, Version(now));
        var form = now.GetProperty("formAnswers");
        Assert.Equal("efficient", form.GetProperty("OU1").GetString());        // still fits
        Assert.False(form.TryGetProperty("BM1", out _));                        // "souvent" no longer exists: asked again

        var stale = await admin.PutJsonAsync(Path(Ariege), Body(oldVersion, new { OU1 = "efficient" }, submit: true));
        Assert.True((await stale.ProblemAsync()).GetProperty("errors").TryGetProperty("gridVersion", out _));
        var old = await admin.PutJsonAsync(Path(Ariege), Body(newVersion, new { PR6 = "efficient" }, submit: true));
        Assert.True((await old.ProblemAsync()).GetProperty("errors").TryGetProperty("answers.PR6", out _));
        var fresh = await admin.PutJsonAsync(Path(Ariege), Body(newVersion, new { PR7 = "oui", OU1 = "efficient" }, submit: true));
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);

        var history = (await admin.GetJsonAsync(Path(Ariege))).GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(newVersion, history[^1].GetProperty("gridVersion").GetString());
        Assert.Contains(history, h => h.GetProperty("gridVersion").GetString() == oldVersion);
    }

    [Fact]
    public async Task The_regional_view_gives_the_distribution_overdue_establishments_and_exports()
    {
        using var viewer = await Server.ClientAsync("viewer");
        var region = await Eventually.ValueAsync(() => viewer.GetJsonAsync("/api/regions/OCC/maturity"),
            r => r.GetProperty("overall").GetProperty("answered").GetInt32() > 0, TimeSpan.FromSeconds(30));
        var overall = region.GetProperty("overall");
        var total = overall.GetProperty("establishments").GetInt32();
        Assert.Equal(64, total);                                                  // Occitanie's establishments with an ED
        Assert.True(overall.GetProperty("answered").GetInt32() >= total * 0.7);  // the demo: most have answered
        Assert.Equal(4, region.GetProperty("bySector").GetArrayLength());
        Assert.Equal(13, region.GetProperty("byDepartment").GetArrayLength());
        Assert.True(region.GetProperty("overdue").GetArrayLength() > 0);
        Assert.True(region.GetProperty("grid").GetProperty("demonstration").GetBoolean());

        var department = await viewer.GetJsonAsync("/api/departments/09/maturity");
        Assert.All(department.GetProperty("establishments").EnumerateArray(), e => Assert.Equal("09", e.GetProperty("departmentCode").GetString()));

        var csv = await viewer.GetStringAsync("/api/departments/09/maturity?format=csv", Ct);
        Assert.StartsWith("finess,name,region,sector,departmentCode,percent", csv);
        Assert.Contains(Ariege, csv);
        var fr = await viewer.GetByteArrayAsync("/api/departments/09/maturity?format=csv-fr", Ct);
        Assert.Equal([0xEF, 0xBB, 0xBF], fr[..3]);
        Assert.Contains("finess;name;region;sector", Encoding.UTF8.GetString(fr));

        var badFormat = await viewer.GetAsync("/api/departments/09/maturity?format=pdf", Ct);
        Assert.True((await badFormat.ProblemAsync()).GetProperty("errors").TryGetProperty("format", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/planets/09/maturity", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api/establishments/000000000/maturity", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_national_view_sums_every_region_and_gives_the_distribution_by_region()
    {
        using var viewer = await Server.ClientAsync("viewer");
        var region = await Eventually.ValueAsync(() => viewer.GetJsonAsync("/api/regions/OCC/maturity"),
            r => r.GetProperty("overall").GetProperty("answered").GetInt32() > 0, TimeSpan.FromSeconds(30));
        var nation = await viewer.GetJsonAsync("/api/nation/maturity");
        Assert.Equal("France", nation.GetProperty("name").GetString());
        Assert.Equal(region.GetProperty("overall").ToString(), nation.GetProperty("overall").ToString());
        var byRegion = nation.GetProperty("byRegion").EnumerateArray().ToList();
        var occitanie = Assert.Single(byRegion);                                 // the demo territory holds one region
        Assert.Equal("OCC", occitanie.GetProperty("id").GetString());
        Assert.Equal(region.GetProperty("overall").ToString(), occitanie.GetProperty("distribution").ToString());
        Assert.Equal(13, nation.GetProperty("byDepartment").GetArrayLength());
        Assert.All(nation.GetProperty("establishments").EnumerateArray(), e => Assert.Equal("OCC", e.GetProperty("region").GetString()));

        var csv = await viewer.GetStringAsync("/api/nation/maturity?format=csv", Ct);
        Assert.Equal(region.GetProperty("overall").GetProperty("establishments").GetInt32() + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task The_tension_beside_maturity_is_given_week_by_week()
    {
        using var viewer = await Server.ClientAsync("viewer");
        var weeks = (await viewer.GetJsonAsync($"/api/establishments/{Ariege}/maturity/tension?weeks=3")).EnumerateArray().ToList();
        Assert.Equal(3, weeks.Count);
        Assert.Equal(4, weeks[^1].GetProperty("daysAtLevel").GetArrayLength());
        Assert.True(weeks[^1].GetProperty("hasHistory").GetBoolean());         // the seeded starting states are this week's history

        var bad = await viewer.GetAsync($"/api/establishments/{Ariege}/maturity/tension?weeks=0", Ct);
        Assert.True((await bad.ProblemAsync()).GetProperty("errors").TryGetProperty("weeks", out _));
    }
    private static Task<HttpResponseMessage> Post(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    [Fact]
    public async Task A_module_followed_is_recorded_with_its_weeks_before_and_after_and_a_wrong_one_changes_nothing()
    {
        using var coordinator = await Server.ClientAsync("coordinator", sectors: ["SUD"]);
        using var viewer = await Server.ClientAsync("viewer");
        var path = $"/api/establishments/{Ariege}/maturity/accompaniments";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var count = (await coordinator.GetJsonAsync(path)).GetArrayLength();

        var unknown = await Post(coordinator, path, JsonSerializer.Serialize(new { module = "M99", startedOn = $"{today.AddDays(-21):yyyy-MM-dd}" }));
        Assert.True((await unknown.ProblemAsync()).GetProperty("errors").TryGetProperty("module", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(viewer, path, JsonSerializer.Serialize(new { module = "M2", startedOn = $"{today.AddDays(-21):yyyy-MM-dd}" }))).StatusCode);
        Assert.Equal(count, (await coordinator.GetJsonAsync(path)).GetArrayLength());

        var added = await Post(coordinator, path, JsonSerializer.Serialize(new { module = "M2", startedOn = $"{today.AddDays(-21):yyyy-MM-dd}", endedOn = $"{today.AddDays(-7):yyyy-MM-dd}" }));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var list = (await viewer.GetJsonAsync($"{path}?weeks=2")).EnumerateArray().ToList();
        Assert.Equal(count + 1, list.Count);
        var impact = list.Single(i => i.GetProperty("accompaniment").GetProperty("module").GetString() == "M2"
            && i.GetProperty("accompaniment").GetProperty("startedOn").GetString() == $"{today.AddDays(-21):yyyy-MM-dd}");
        Assert.Equal(2, impact.GetProperty("weeks").GetInt32());
        Assert.Equal(4, impact.GetProperty("before").GetProperty("daysAtLevel").GetArrayLength());
        Assert.Equal(4, impact.GetProperty("after").GetProperty("daysAtLevel").GetArrayLength());
        Assert.True(string.CompareOrdinal(impact.GetProperty("before").GetProperty("lastWeek").GetString(), impact.GetProperty("after").GetProperty("firstWeek").GetString()) < 0);
    }
}
