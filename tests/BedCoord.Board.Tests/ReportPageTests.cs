using Deque.AxeCore.Playwright;
using BedCoord.Testing;

namespace BedCoord.Board.Tests;

/// <summary>The weekly departmental meeting report page as the coordinator runs the meeting with it.</summary>
public sealed class ReportPageTests(ServerFixture fixture, BrowserFixture browser) : IClassFixture<ServerFixture>
{
    private ServerProcess Server => fixture.Server;

    private static async Task ExpectNoSeriousAxeViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "critical" or "serious").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))})")));
    }

    [Fact]
    public async Task The_report_shows_the_departments_establishments_and_can_be_frozen_and_given_actions()
    {
        var page = await browser.NewPageAsync(Server.BaseAddress, width: 1400, height: 1000);
        try
        {
            await page.GotoAsync("/rapport/departement/09");

            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Réunion départementale — Ariège (09)");
            await Expect(page.GetByTestId("report-est")).ToHaveCountAsync(5);
            await Expect(page.GetByTestId("report-stamp")).ToContainTextAsync("Non figé");
            // Levels are named in the level-time table, not only coloured.
            await Expect(page.GetByTestId("report-est").First.Locator(".level-chip", new() { HasText = "Tension forte" })).ToBeVisibleAsync();
            await ExpectNoSeriousAxeViolationsAsync(page);

            // Keyboard first: the week picker is the first stop.
            await page.Keyboard.PressAsync("Tab");
            await Expect(page.Locator("#week")).ToBeFocusedAsync();

            await page.GetByLabel("Votre nom (démo)").FillAsync("Claire Coord");
            await page.GetByTestId("sign-in").ClickAsync();
            await page.GetByTestId("freeze").ClickAsync();
            await Expect(page.GetByTestId("report-stamp")).ToContainTextAsync("par Claire Coord");
            await Expect(page.GetByTestId("report-stamp")).ToContainTextAsync("Figé le");
            await Expect(page.GetByTestId("version").Locator("option")).ToHaveCountAsync(3); // latest, live, the one snapshot

            await page.GetByLabel("Action", new() { Exact = true }).FillAsync("Renfort de 4 lits de médecine à Saint-Lizier");
            await page.GetByLabel("Établissement").SelectOptionAsync("090000183");
            await page.GetByLabel("Porteur").FillAsync("Dr Garcia");
            await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter l’action" }).ClickAsync();
            var row = page.GetByTestId("actions-table").Locator("tbody tr");
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row).ToContainTextAsync("Renfort de 4 lits");
            await Expect(row).ToContainTextAsync("Ouverte");
            await Expect(row).ToContainTextAsync("CH ARIEGE COUSERANS SITE ST LIZIER");
            await ExpectNoSeriousAxeViolationsAsync(page);
            await page.EvaluateAsync("window.scrollTo(0, 0)");
            await page.ScreenshotToDocsAsync("rapport.png");

            // On paper the controls go and the establishment blocks stay whole.
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            await Expect(page.Locator(".report-toolbar")).ToBeHiddenAsync();
            Assert.Equal("avoid", await page.GetByTestId("report-est").First.EvaluateAsync<string>("e => getComputedStyle(e).breakInside"));
        }
        finally { await page.CloseContextAsync(); }
    }
}
