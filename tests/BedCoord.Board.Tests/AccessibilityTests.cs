using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using BedCoord.Testing;

namespace BedCoord.Board.Tests;

/// <summary>
/// RGAA / WCAG AA on every page with real data (axe-core: 0 critical, 0 serious), the keyboard path through the
/// board (skip link, map links, scrolling regions), and level changes announced once, not in a flood.
/// </summary>
public sealed class AccessibilityTests(ServerFixture fixture, BrowserFixture browser) : IClassFixture<ServerFixture>
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task Every_page_has_no_critical_or_serious_axe_violation()
    {
        var failures = new List<string>();
        foreach (var stop in await PageTour.StopsAsync(Server))
        {
            var page = await browser.NewPageAsync(Server.BaseAddress);
            try
            {
                await stop.Open(page);
                var result = await page.RunAxe();
                failures.AddRange(result.Violations.Where(v => v.Impact is "critical" or "serious").Select(v =>
                    $"{stop.Name}: {v.Impact} {v.Id} — {v.Help} ({v.Nodes.Length} : {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))})"));
            }
            finally { await page.CloseContextAsync(); }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_board_is_usable_from_the_keyboard_skip_link_map_links_and_scrolling_regions()
    {
        var page = await browser.NewPageAsync(Server.BaseAddress);
        try
        {
            await PageTour.OpenBoardAsync(page, "/board", expectMap: true);
            // The first Tab lands on the skip link; following it puts the focus in the main content.
            await page.Keyboard.PressAsync("Tab");
            var skip = page.Locator("a.skip-link");
            await Expect(skip).ToBeFocusedAsync();
            await Expect(skip).ToBeInViewportAsync(); // shown when focused
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("main#main")).ToBeFocusedAsync();

            // The map is a group of named links, one per département, each telling its level in words.
            var map = page.GetByRole(AriaRole.Group, new() { Name = "Carte des départements d’Occitanie colorés selon leur niveau de tension" });
            var links = map.GetByRole(AriaRole.Link);
            await Expect(links).ToHaveCountAsync(13);
            await Expect(map.GetByRole(AriaRole.Link, new() { NameRegex = new("^Ariège \\(09\\) — (Normal|Tension|Tension forte|Crise)") })).ToHaveCountAsync(1);

            // Tab order from the main content: the map's links, the sectors, then the alert feed, which scrolls.
            var reached = new List<string>();
            for (var i = 0; i < 40 && !reached.Contains("alert-feed"); i++)
            {
                await page.Keyboard.PressAsync("Tab");
                reached.Add(await page.EvaluateAsync<string>("() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName"));
            }
            Assert.Contains("dept-link-09", reached);
            Assert.Contains("alert-feed", reached);
            // The focus is visible: a 3 px outline on the focused feed.
            Assert.Equal("3px", await page.GetByTestId("alert-feed").EvaluateAsync<string>("e => getComputedStyle(e).outlineWidth"));

            // Enter on a département's link drills down, without reloading the page.
            await page.GetByTestId("dept-link-09").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/board/department/09$"));
            await Expect(page.Locator("h1")).ToHaveTextAsync("Ariège");
            var table = page.Locator(".children-wrap");
            await Expect(table).ToHaveAttributeAsync("tabindex", "0");
            await Expect(table).ToHaveAttributeAsync("role", "region");
        }
        finally { await page.CloseContextAsync(); }
    }

    [Fact]
    public async Task A_burst_of_level_changes_is_announced_once_as_one_polite_summary()
    {
        using var supervisor = await Server.ClientAsync("supervisor");
        var department = await supervisor.GetJsonAsync($"/api/departments/{PageTour.Ariege}");
        var establishments = department.Children().Select(c => c.Id()).Take(3).ToArray();
        var page = await browser.NewPageAsync(Server.BaseAddress);
        try
        {
            await PageTour.OpenBoardAsync(page, $"/board/department/{PageTour.Ariege}", expectMap: true);
            var announcer = page.GetByTestId("announcer");
            await Expect(announcer).ToHaveAttributeAsync("role", "status");
            // The figures and the feed are not live regions: only the announcer speaks.
            Assert.Equal(["announcer"], await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('[aria-live=polite], [aria-live=assertive], [role=status], [role=log]')].map(e => e.dataset.testid ?? e.className)"));
            await page.EvaluateAsync("""
                () => { window.__said = []; new MutationObserver(() => window.__said.push(document.querySelector('[data-testid=announcer]').textContent))
                  .observe(document.querySelector('[data-testid=announcer]'), { childList: true, characterData: true, subtree: true }); }
                """);

            // A burst: three establishments declared in crisis at once.
            var responses = await Task.WhenAll(establishments.Select(finess => supervisor.PostAsJsonAsync($"/api/establishments/{finess}/declarations",
                new { level = "crise", reason = "Exercice plan blanc", expiresAt = "1h" })));
            foreach (var response in responses) Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            foreach (var finess in establishments) await Expect(page.Locator($"[data-testid='child-row-{finess}'][data-level='3']")).ToHaveCountAsync(1);
            await Expect(announcer).ToContainTextAsync("changements de niveau", new() { Timeout = 20_000 });
            await Expect(announcer).ToContainTextAsync("→ Crise");
            await page.WaitForTimeoutAsync(2_000);
            var said = await page.EvaluateAsync<string[]>("() => window.__said");
            Assert.True(said.Length == 1, "announcements: " + string.Join(" / ", said));
        }
        finally
        {
            await page.CloseContextAsync();
            foreach (var finess in establishments)
                await supervisor.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/establishments/{finess}/declarations/current")
                    { Content = JsonContent.Create(new { reason = "Fin de l'exercice" }) }, TestContext.Current.CancellationToken);
        }
    }
}
