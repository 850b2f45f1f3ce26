using System.Net;
using System.Text;
using Deque.AxeCore.Playwright;
using BedCoord.Testing;

namespace BedCoord.Board.Tests;

/// <summary>A server that lets one test declare dozens of plans blancs in a row.</summary>
public sealed class CellPageFixture(PostgresFixture postgres) : ServerFixture(postgres)
{
    protected override IDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["RateLimit:PermitsPerSecond"] = "1000",
        ["RateLimit:Burst"] = "1000",
    };
}

/// <summary>The crisis cell page of a region following dozens of declarations at once, live, by keyboard.</summary>
public sealed class CellPageTests(CellPageFixture fixture, BrowserFixture browser) : IClassFixture<CellPageFixture>
{
    private ServerProcess Server => fixture.Server;

    private static Task<HttpResponseMessage> Declare(HttpClient http, string finess, string reason) =>
        http.PostAsync($"/api/establishments/{finess}/declarations",
            new StringContent($$"""{"level":"crise","reason":"{{reason}}"}""", Encoding.UTF8, "application/json"));

    [Fact]
    public async Task A_region_cell_lists_forty_declarations_longest_first_updates_live_and_takes_a_keyboard_entry()
    {
        using var admin = await Server.ClientAsync("admin");
        var territory = await admin.GetJsonAsync("/api/territory");
        var establishments = territory.GetProperty("regions")[0].GetProperty("sectors").EnumerateArray()
            .SelectMany(s => s.GetProperty("departments").EnumerateArray())
            .SelectMany(d => d.GetProperty("establishments").EnumerateArray().Take(4))
            .Select(e => e.GetProperty("id").GetString()!).Take(41).ToList();
        var first = establishments[0];
        foreach (var finess in establishments.Take(40))
            Assert.Equal(HttpStatusCode.Created, (await Declare(admin, finess, $"Plan blanc {finess}")).StatusCode);

        var token = await Server.TokenAsync("supervisor", sub: "claire");
        var page = await browser.NewPageAsync(Server.BaseAddress, width: 1400, height: 1000);
        try
        {
            await page.GotoAsync($"/cellule/region/OCC?token={token}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Cellule de crise — Occitanie");
            var rows = page.GetByTestId("declarations").Locator("tbody tr");
            await Expect(rows).ToHaveCountAsync(40);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Déclarations en cours (40)" })).ToBeVisibleAsync();
            // Longest first, each with its duration and its level named, not only coloured.
            Assert.Equal($"establishment:{first}", await rows.First.GetAttributeAsync("data-scope"));
            await Expect(rows.First).ToContainTextAsync("min");
            await Expect(rows.First).ToContainTextAsync("Crise");
            await page.ExpectLiveAsync();
            await ExpectNoSeriousAxeViolationsAsync(page);

            // Live: one more plan blanc elsewhere shows without reloading, at the end (the newest).
            Assert.Equal(HttpStatusCode.Created, (await Declare(admin, establishments[40], "Plan blanc tardif")).StatusCode);
            await Expect(rows).ToHaveCountAsync(41, new() { Timeout = 15_000 });
            await Expect(rows.Last).ToContainTextAsync("Plan blanc tardif");

            // Keyboard first: type the entry, Ctrl+Entrée records it, the chain verifies.
            await page.GetByLabel("Texte").FocusAsync();
            await page.Keyboard.TypeAsync("ARS : renfort de 2 équipes SMUR confirmé");
            await page.Keyboard.PressAsync("Control+Enter");
            await Expect(page.GetByTestId("logbook-message")).ToHaveTextAsync("Entrée enregistrée.");
            await Expect(page.GetByTestId("entry").First).ToContainTextAsync("ARS : renfort de 2 équipes SMUR confirmé");
            await Expect(page.GetByTestId("entry").First).ToContainTextAsync("claire (supervisor)");
            await page.GetByLabel("Filtrer").FillAsync("SMUR");
            await Expect(page.GetByTestId("entry")).ToHaveCountAsync(1);
            await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier la chaîne" }).ClickAsync();
            await Expect(page.GetByTestId("chain")).ToContainTextAsync("Chaîne intègre");
            await ExpectNoSeriousAxeViolationsAsync(page);
            await page.ScreenshotToDocsAsync("cellule.png");
        }
        finally { await page.CloseContextAsync(); }
    }

    [Fact]
    public async Task On_a_phone_the_cell_page_fits_and_a_viewer_reads_without_a_form()
    {
        var page = await browser.NewPageAsync(Server.BaseAddress, width: 390, height: 844, mobile: true);
        try
        {
            await page.GotoAsync("/cellule/departement/46");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Cellule de crise — Lot");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Main courante" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("logbook-form")).ToHaveCountAsync(0);
            await Expect(page.GetByText("Lecture seule")).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scroll at 390 px");
            await ExpectNoSeriousAxeViolationsAsync(page);
        }
        finally { await page.CloseContextAsync(); }
    }

    private static async Task ExpectNoSeriousAxeViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "critical" or "serious").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))})")));
    }
}
