using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using BedCoord.Testing;

namespace BedCoord.Board.Tests;

/// <summary>The maturity questionnaire on a phone and the establishment's maturity page, as their users meet them.</summary>
public sealed class MaturityPageTests(PatientServerFixture fixture, BrowserFixture browser) : IClassFixture<PatientServerFixture>
{
    private const string Ariege = "090000183";
    private ServerProcess Server => fixture.Server;

    private static async Task ExpectNoSeriousAxeViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "critical" or "serious").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))})")));
    }

    private static async Task ExpectNoSidewaysScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "the page scrolls sideways at " + await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") + " px");

    /// <summary>The demo seed (grid, then answers) runs beside readiness: wait until the regional view counts answers.</summary>
    private async Task WaitForDemoAnswersAsync()
    {
        using var viewer = await Server.ClientAsync("viewer");
        await Eventually.ValueAsync(async () => await viewer.GetStringAsync("/api/regions/OCC/maturity", TestContext.Current.CancellationToken),
            body => !body.Contains("\"answered\":0,", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_bed_manager_answers_on_a_phone_the_draft_is_kept_and_a_submitted_version_shows_on_the_establishment_page()
    {
        await WaitForDemoAnswersAsync();
        var token = await Server.TokenAsync("bed-manager", [Ariege], sub: "Léa Gestionnaire");
        var page = await browser.NewPageAsync(Server.BaseAddress, width: 390, height: 844, mobile: true);
        try
        {
            await page.GotoAsync($"/maturite/etablissement/{Ariege}/questionnaire?token={token}");
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
            await Expect(page.GetByTestId("demo-grid")).ToContainTextAsync("Grille de démonstration");
            await Expect(page.Locator("fieldset.theme")).ToHaveCountAsync(6);
            await ExpectNoSidewaysScrollAsync(page);
            await ExpectNoSeriousAxeViolationsAsync(page);

            // BJML item: no "Non concerné" offered; BM3 offers it.
            await Expect(page.Locator("[data-question=PI3]").GetByLabel("Non concerné")).ToHaveCountAsync(0);
            await Expect(page.Locator("[data-question=BM3]").GetByLabel("Non concerné")).ToHaveCountAsync(1);

            // The form starts from the latest version's answers: change BM1 to the option it does not have.
            var bm1 = page.Locator("[data-question=BM1]");
            var choice = await bm1.GetByLabel("Utilisé et efficient (4 pts)").IsCheckedAsync() ? "En cours de déploiement (1 pt)" : "Utilisé et efficient (4 pts)";
            await bm1.GetByText(choice).ClickAsync();
            await Expect(page.GetByTestId("save-status")).ToContainTextAsync("Brouillon enregistré");

            // The draft survives a reload: the answer is still chosen.
            await page.ReloadAsync();
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
            await Expect(page.Locator("[data-question=BM1]").GetByLabel(choice)).ToBeCheckedAsync();

            await page.Locator("[data-question=PI3]").GetByLabel("Comparé chaque jour aux lits disponibles (4 pts)").CheckAsync();
            await page.GetByTestId("submit").ClickAsync();
            await Expect(page.GetByTestId("save-status")).ToContainTextAsync("Version soumise");
            var announced = await page.GetByTestId("save-status").TextContentAsync();

            await page.GotoAsync($"/maturite/etablissement/{Ariege}");
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
            var versions = page.GetByTestId("versions").Locator("tbody tr");
            await Expect(versions.Last).ToContainTextAsync("Léa Gestionnaire");
            var score = await page.GetByTestId("score").TextContentAsync();
            Assert.Contains(score!.Trim(), announced);
            await ExpectNoSidewaysScrollAsync(page);
            await ExpectNoSeriousAxeViolationsAsync(page);
        }
        finally { await page.CloseContextAsync(); }
    }

    [Fact]
    public async Task The_establishment_page_shows_its_radar_its_score_over_time_beside_tension_and_the_board_links_to_it()
    {
        await WaitForDemoAnswersAsync();
        var page = await browser.NewPageAsync(Server.BaseAddress, width: 1280, height: 1000);
        try
        {
            await page.GotoAsync($"/board/establishment/{Ariege}");
            await page.GetByTestId("maturity-link").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/maturite/etablissement/{Ariege}$"));
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");

            await Expect(page.GetByTestId("demo-grid")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("radar").Locator("polygon.radar-latest")).ToHaveCountAsync(1);
            // The radar's table: one row per theme, each with a score in words.
            var themes = page.GetByTestId("theme-table").Locator("tbody tr");
            await Expect(themes).ToHaveCountAsync(6);
            await Expect(themes.First).ToContainTextAsync("La fonction de bed manager");
            await Expect(themes.First).ToContainTextAsync("%");
            await Expect(page.GetByTestId("score-chart").Locator("canvas")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("tension-chart").Locator("canvas")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("versions").Locator("tbody tr")).Not.ToHaveCountAsync(0);
            await ExpectNoSeriousAxeViolationsAsync(page);
            await page.ScreenshotToDocsAsync("maturite-etablissement.png");

            await page.GotoAsync("/maturite/region/OCC");
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
            await Expect(page.GetByTestId("scatter-caption")).ToContainTextAsync("pas une relation de cause à effet");
            await Expect(page.GetByTestId("by-department").Locator("tbody tr")).ToHaveCountAsync(13);
            await Expect(page.GetByTestId("overdue").Locator("tbody tr")).Not.ToHaveCountAsync(0);
            await ExpectNoSeriousAxeViolationsAsync(page);

            // The national view, one link away: the regions (one in the demo) with their own distribution.
            await page.GetByRole(AriaRole.Link, new() { Name = "Vue nationale" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/maturite/france$"));
            await Expect(page.GetByTestId("by-region").Locator("tbody tr")).ToHaveCountAsync(1);
            await Expect(page.GetByTestId("by-region").Locator("tbody tr").First).ToContainTextAsync("Occitanie");
            await ExpectNoSeriousAxeViolationsAsync(page);

            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync($"/maturite/etablissement/{Ariege}");
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
            await ExpectNoSidewaysScrollAsync(page);
        }
        finally { await page.CloseContextAsync(); }
    }
}
