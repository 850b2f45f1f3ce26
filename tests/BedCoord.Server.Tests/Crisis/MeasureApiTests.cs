using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using BedCoord.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace BedCoord.Server.Tests.Crisis;

/// <summary>Graduated measures: a declaration opens its checklist, people move it, lifting the declaration lifts it; overdue ones are pushed.</summary>
public sealed class MeasureApiTests(CrisisFixture fixture) : IClassFixture<CrisisFixture>
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task A_plan_blanc_opens_its_checklist_and_lifting_it_lifts_and_logs_each_open_measure()
    {
        using var cell = await Server.ClientAsync("supervisor");
        var (establishment, _) = await cell.FirstEstablishmentAsync("66");
        var templates = await cell.GetJsonAsync($"/api/establishments/{establishment}/measure-templates");
        Assert.True(templates.GetProperty("isDefault").GetBoolean());
        Assert.Contains("à adapter", templates.GetProperty("notice").GetString());
        var planBlanc = templates.GetProperty("templates").EnumerateArray().Single(t => t.GetProperty("trigger").GetString() == "plan-blanc");
        var expected = planBlanc.GetProperty("measures").GetArrayLength();

        Assert.Equal(HttpStatusCode.Created, (await cell.PostJsonAsync($"/api/establishments/{establishment}/declarations",
            """{"level":"crise","reason":"Plan blanc déclenché : accident collectif"}""")).StatusCode);
        var open = await cell.GetJsonAsync($"/api/establishments/{establishment}/measures?open=true");
        Assert.Equal(expected, open.GetArrayLength());
        Assert.All(open.EnumerateArray(), m => Assert.Equal("planned", m.GetProperty("status").GetString()));

        var first = open[0].GetProperty("id").GetString();
        var engaged = await cell.PatchJsonAsync($"/api/establishments/{establishment}/measures/{first}", """{"status":"engaged","owner":"Dr Martin"}""").OkAsync();
        Assert.Equal(("engaged", "Dr Martin"), (engaged.GetProperty("status").GetString(), engaged.GetProperty("owner").GetString()));
        var second = open[1].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await cell.PatchJsonAsync($"/api/establishments/{establishment}/measures/{second}", """{"status":"done"}""")).StatusCode);
        Assert.Equal(["dueAt"], await cell.PatchJsonAsync($"/api/establishments/{establishment}/measures/{first}",
            $$"""{"dueAt":"{{DateTimeOffset.UtcNow.AddHours(-1):O}}"}""").InvalidFieldsAsync());
        Assert.Equal(["status"], await cell.PatchJsonAsync($"/api/establishments/{establishment}/measures/{second}", """{"status":"engaged"}""").InvalidFieldsAsync());
        // A declaration on the same trigger does not open a second checklist.
        Assert.Equal(HttpStatusCode.Created, (await cell.PostJsonAsync($"/api/establishments/{establishment}/declarations", """{"level":"crise","reason":"Plan blanc prolongé"}""")).StatusCode);
        Assert.Equal(expected - 1, (await cell.GetJsonAsync($"/api/establishments/{establishment}/measures?open=true")).GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await cell.DeleteAsync($"/api/establishments/{establishment}/declarations/current?reason=Fin%20de%20l%27afflux", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(0, (await cell.GetJsonAsync($"/api/establishments/{establishment}/measures?open=true")).GetArrayLength());
        var all = await cell.GetJsonAsync($"/api/establishments/{establishment}/measures");
        Assert.Equal(expected - 1, all.EnumerateArray().Count(m => m.GetProperty("status").GetString() == "lifted"));
        Assert.Equal("done", all.EnumerateArray().Single(m => m.GetProperty("id").GetString() == second).GetProperty("status").GetString());

        var log = await cell.GetJsonAsync($"/api/establishments/{establishment}/logbook?limit=500");
        var texts = log.EnumerateArray().Select(e => e.GetProperty("text").GetString()!).ToList();
        Assert.Equal(expected - 1, texts.Count(t => t.Contains("levée avec la déclaration")));
        Assert.Contains(texts, t => t.StartsWith("Déclaration « Crise »") && t.Contains("accident collectif"));
        Assert.Contains(texts, t => t.StartsWith("Levée de la déclaration"));
        Assert.Contains(texts, t => t.Contains("à engager → engagée"));
        Assert.All(log.EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "system"), e =>
            Assert.True(JsonDocument.Parse(e.GetProperty("data").GetString()!).RootElement.TryGetProperty("figures", out _)));
    }

    [Fact]
    public async Task A_declaration_that_expires_lifts_and_logs_its_open_measures_as_a_lift_by_hand_would()
    {
        using var cell = await Server.ClientAsync("supervisor");
        var (establishment, _) = await cell.FirstEstablishmentAsync("65");
        var (other, _) = await cell.FirstEstablishmentAsync("65", 1);
        // Whole seconds: the time sent is the expiry the server holds, so "closed at or after it" compares like with like.
        var soon = DateTimeOffset.UtcNow.AddSeconds(7);
        var expiresAt = soon.AddTicks(-(soon.Ticks % TimeSpan.TicksPerSecond));
        Assert.Equal(HttpStatusCode.Created, (await cell.PostJsonAsync($"/api/establishments/{establishment}/declarations",
            $$"""{"level":"tension-forte","reason":"PMI activé : afflux saisonnier","expiresAt":"{{expiresAt:yyyy-MM-ddTHH:mm:ssZ}}"}""")).StatusCode);
        // A declaration without expiry elsewhere keeps its checklist open.
        Assert.Equal(HttpStatusCode.Created, (await cell.PostJsonAsync($"/api/establishments/{other}/declarations",
            """{"level":"tension-forte","reason":"PMI activé : tension sur les lits"}""")).StatusCode);
        var open = await cell.GetJsonAsync($"/api/establishments/{establishment}/measures?open=true");
        Assert.True(open.GetArrayLength() > 2, open.ToString());
        Assert.All(open.EnumerateArray(), m => Assert.Equal("pmi", m.GetProperty("trigger").GetString()));
        var engaged = open[0].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await cell.PatchJsonAsync($"/api/establishments/{establishment}/measures/{engaged}", """{"status":"engaged"}""")).StatusCode);
        var otherOpen = (await cell.GetJsonAsync($"/api/establishments/{other}/measures?open=true")).GetArrayLength();
        Assert.True(DateTimeOffset.UtcNow < expiresAt, "the checklist was read open before the expiry");

        // Past the expiry, the watcher (every second in this fixture) lifts each open measure and logs it.
        var all = await Eventually.ValueAsync(() => cell.GetJsonAsync($"/api/establishments/{establishment}/measures"),
            measures => measures.EnumerateArray().All(m => m.GetProperty("status").GetString() == "lifted"), TimeSpan.FromSeconds(30));
        Assert.Equal(open.GetArrayLength(), all.GetArrayLength());
        Assert.All(all.EnumerateArray(), m => Assert.True(m.GetProperty("closedAt").GetDateTimeOffset() >= expiresAt, m.ToString()));
        Assert.Equal(JsonValueKind.Null, (await cell.GetJsonAsync($"/api/establishments/{establishment}")).GetProperty("declaration").ValueKind);

        var log = await cell.GetJsonAsync($"/api/establishments/{establishment}/logbook?limit=500");
        var texts = log.EnumerateArray().Select(e => e.GetProperty("text").GetString()!).ToList();
        Assert.Single(texts, t => t.StartsWith("Fin de la déclaration « Tension forte » (PMI activé : afflux saisonnier)") && t.Contains("expirée le"));
        Assert.Equal(open.GetArrayLength(), texts.Count(t => t.Contains("levée avec la déclaration")));
        Assert.Contains(texts, t => t.Contains("levée avec la déclaration (était engagée"));
        // Logged once: later scans find nothing open there.
        await Task.Delay(2500, TestContext.Current.CancellationToken);
        Assert.Single((await cell.GetJsonAsync($"/api/establishments/{establishment}/logbook?limit=500")).EnumerateArray(),
            e => e.GetProperty("text").GetString()!.StartsWith("Fin de la déclaration"));
        Assert.Equal(otherOpen, (await cell.GetJsonAsync($"/api/establishments/{other}/measures?open=true")).GetArrayLength());
    }

    [Fact]
    public async Task An_overdue_measure_reaches_a_hub_client_of_the_department_and_the_cell_counts_it()
    {
        using var cell = await Server.ClientAsync("supervisor");
        var (establishment, _) = await cell.FirstEstablishmentAsync("81");
        Assert.Equal(HttpStatusCode.Created, (await cell.PostJsonAsync($"/api/establishments/{establishment}/declarations", """{"level":"tension-forte","reason":"PMI activé"}""")).StatusCode);
        var measure = (await cell.GetJsonAsync($"/api/establishments/{establishment}/measures?open=true"))[0];
        Assert.Equal("pmi", measure.GetProperty("trigger").GetString());

        var notices = new ConcurrentQueue<JsonElement>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, "/hubs/board"), o => o.AccessTokenProvider = () => Server.TokenAsync("viewer")!)
            .Build();
        hub.On<JsonElement>("crisis", n => notices.Enqueue(n));
        await hub.StartAsync(TestContext.Current.CancellationToken);
        await hub.InvokeAsync("Subscribe", "department:81", TestContext.Current.CancellationToken);

        var id = measure.GetProperty("id").GetString();
        var due = DateTimeOffset.UtcNow.AddSeconds(2);
        Assert.Equal(HttpStatusCode.OK, (await cell.PatchJsonAsync($"/api/establishments/{establishment}/measures/{id}", $$"""{"dueAt":"{{due:O}}"}""")).StatusCode);

        var overdue = await Eventually.ValueAsync(() => Task.FromResult(notices.FirstOrDefault(n => n.GetProperty("what").GetString() == "overdue" && n.GetProperty("id").GetString() == id)),
            n => n.ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(20));
        Assert.Equal($"establishment:{establishment}", overdue.GetProperty("scope").GetString());
        Assert.Contains(measure.GetProperty("title").GetString()!, overdue.GetProperty("text").GetString());
        var overview = await cell.GetJsonAsync("/api/departments/81/cell");
        Assert.True(overview.GetProperty("overdueMeasures").GetInt32() >= 1);
        Assert.Contains(overview.GetProperty("openMeasures").EnumerateArray(), m => m.GetProperty("id").GetString() == id && m.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task Templates_are_edited_by_those_who_may_declare_audited_and_used_by_the_next_trigger()
    {
        using var cell = await Server.ClientAsync("supervisor");
        using var viewer = await Server.ClientAsync("viewer");
        var (establishment, _) = await cell.FirstEstablishmentAsync("82");
        var mine = """{"templates":[{"trigger":"pmi","measures":[{"code":"astreinte","title":"Appeler l'astreinte de direction","category":"staff","dueAfterMinutes":30}]}]}""";
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PutJsonAsync($"/api/establishments/{establishment}/measure-templates", mine)).StatusCode);
        var refused = await cell.PutJsonAsync($"/api/establishments/{establishment}/measure-templates",
            """{"templates":[{"trigger":"météo","measures":[{"code":"x","title":"X","category":"weather","dueAfterMinutes":30}]}]}""").InvalidFieldsAsync();
        Assert.Equal(["templates[0].measures[0].category", "templates[0].trigger"], refused.Order(StringComparer.Ordinal));
        var saved = await cell.PutJsonAsync($"/api/establishments/{establishment}/measure-templates", mine).OkAsync();
        Assert.False(saved.GetProperty("isDefault").GetBoolean());

        Assert.Equal(HttpStatusCode.Created, (await cell.PostJsonAsync($"/api/establishments/{establishment}/declarations", """{"level":"tension","reason":"PMI"}""")).StatusCode);
        var open = await cell.GetJsonAsync($"/api/establishments/{establishment}/measures?open=true");
        Assert.Equal("Appeler l'astreinte de direction", Assert.Single(open.EnumerateArray()).GetProperty("title").GetString());
        // The audit trail is written by a background batch a few milliseconds after the answer.
        var audit = await Eventually.ValueAsync(() => cell.GetJsonAsync($"/api/audit?scope=establishment:{establishment}"),
            a => a.ToString().Contains("measure-templates.put"), TimeSpan.FromSeconds(10));
        Assert.Contains("Appeler l'astreinte", audit.ToString());
    }

    [Fact]
    public async Task A_request_goes_from_the_establishment_to_its_department_and_every_step_is_logged_in_both()
    {
        using var admin = await Server.ClientAsync("admin");
        var (establishment, sector) = await admin.FirstEstablishmentAsync("48");
        using var bedManager = await Server.ClientAsync("bed-manager", establishments: [establishment], region: null);
        using var coordinator = await Server.ClientAsync("coordinator", sectors: [sector], region: null, sub: "coord-lozere");

        Assert.Equal(["count"], await bedManager.PostJsonAsync($"/api/establishments/{establishment}/requests",
            """{"kind":"transfer","urgency":"urgent","text":"Transférer des patients de réanimation"}""").InvalidFieldsAsync());
        var request = await bedManager.PostJsonAsync($"/api/establishments/{establishment}/requests",
            """{"kind":"transfer","urgency":"urgent","text":"Transférer 3 patients de réanimation","count":3,"category":"REA"}""").CreatedAsync();
        var id = request.GetProperty("id").GetString();
        Assert.Equal("open", request.GetProperty("status").GetString());

        var cell = await admin.GetJsonAsync("/api/departments/48/cell");
        Assert.Contains(cell.GetProperty("openRequests").EnumerateArray(), r => r.GetProperty("id").GetString() == id);
        Assert.Contains((await admin.GetJsonAsync("/api/regions/OCC/requests?open=true")).EnumerateArray(), r => r.GetProperty("id").GetString() == id);

        Assert.Equal(HttpStatusCode.Forbidden, (await bedManager.PatchJsonAsync($"/api/departments/48/requests/{id}", """{"status":"taken"}""")).StatusCode);
        var taken = await coordinator.PatchJsonAsync($"/api/departments/48/requests/{id}", """{"status":"taken"}""").OkAsync();
        Assert.Equal("coord-lozere", taken.GetProperty("takenBy").GetString());
        Assert.Equal(["status"], await coordinator.PatchJsonAsync($"/api/departments/48/requests/{id}", """{"status":"open"}""").InvalidFieldsAsync());
        var done = await coordinator.PatchJsonAsync($"/api/departments/48/requests/{id}", """{"status":"satisfied","answer":"2 lits au CHU de Nîmes, 1 à Montpellier"}""").OkAsync();
        Assert.Equal("satisfied", done.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PatchJsonAsync($"/api/departments/31/requests/{id}", """{"status":"refused"}""")).StatusCode);

        foreach (var scope in new[] { $"establishments/{establishment}", "departments/48" })
        {
            var texts = (await admin.GetJsonAsync($"/api/{scope}/logbook?limit=500")).EnumerateArray()
                .Where(e => e.GetProperty("link").GetString() == $"request:{id}").Select(e => e.GetProperty("text").GetString()!).ToList();
            Assert.Equal(3, texts.Count);
            Assert.Contains(texts, t => t.Contains("satisfaite") && t.Contains("CHU de Nîmes"));
        }
    }
}
