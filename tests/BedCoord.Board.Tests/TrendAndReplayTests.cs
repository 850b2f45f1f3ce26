using System.Text.Json;
using System.Text.RegularExpressions;
using BedCoord.Testing;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace BedCoord.Board.Tests;

/// <summary>
/// The board remembers: each scope's trend chart drawn from its history (and following live pushes), and
/// the replay of a past instant (?at=), read-only, with its banner, timeline and level-change stepper.
/// </summary>
public sealed class TrendAndReplayTests(ServerFixture fixture, BrowserFixture browser) : IClassFixture<ServerFixture>
{
    private const string Mende = "480000017";    // Hôpital Lozère, Mende: this class's writes stay there
    private const string Lozere = "48";
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task The_trend_chart_draws_the_history_follows_a_write_live_and_switches_range()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Mende]);
        var establishment = await manager.GetJsonAsync($"/api/establishments/{Mende}");
        var unit = establishment.Children().First(u => u.BedsOf().Open > 2);
        var beds = unit.BedsOf();
        await manager.PutBedsAsync(Mende, unit.Id(), beds with { Occupied = 1, Reserved = 0 });
        var written = (await manager.GetJsonAsync($"/api/establishments/{Mende}")).Available();
        var page = await browser.NewPageAsync(Server.BaseAddress);
        try
        {
            await page.GotoAsync($"/board/establishment/{Mende}");
            await page.ExpectLiveAsync();
            var trend = page.GetByTestId("trend");
            await Expect(trend.Locator(".uplot canvas").First).ToBeVisibleAsync();
            await Expect(trend.Locator("button[data-range='24h']")).ToHaveAttributeAsync("aria-pressed", "true");
            // The last point of the history the API answers is the value just written, and so is the chart's.
            var history = await manager.GetJsonAsync($"/api/establishments/{Mende}/history?step=1m");
            Assert.Equal(written, history.GetProperty("points").EnumerateArray().Last().GetProperty("available").GetInt32());
            await Expect(page.GetByTestId("trend-last-available")).ToHaveTextAsync(Shown.Number(written));

            // The data table: newest first, the same value, one row per history point.
            await page.GetByTestId("trend-table-toggle").ClickAsync();
            var rows = page.GetByTestId("trend-table").Locator("tbody tr");
            await Expect(rows.First.Locator("td").First).ToHaveTextAsync(Shown.Number(written));
            Assert.InRange(await rows.CountAsync(), 1, history.GetProperty("points").GetArrayLength() + 1);

            // A write while the page is open moves the last point through the push, without a reload.
            await manager.PutBedsAsync(Mende, unit.Id(), beds with { Occupied = 0, Reserved = 0 });
            var now = (await manager.GetJsonAsync($"/api/establishments/{Mende}")).Available();
            Assert.NotEqual(written, now);
            await Expect(page.GetByTestId("trend-last-available")).ToHaveTextAsync(Shown.Number(now));
            await Expect(rows.First.Locator("td").First).ToHaveTextAsync(Shown.Number(now));

            // The toggle, from the keyboard: 7 days at one point an hour.
            await trend.Locator("button[data-range='7j']").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(trend).ToHaveAttributeAsync("data-range", "7j");
            await Expect(trend.Locator("button[data-range='7j']")).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(trend.Locator("button[data-range='24h']")).ToHaveAttributeAsync("aria-pressed", "false");
            await Expect(page.GetByTestId("trend-summary")).ToContainTextAsync("7 jours");
            await Expect(page.GetByTestId("trend-table").Locator("caption")).ToContainTextAsync("pas d'une heure");
            await Expect(page.GetByTestId("trend-last-available")).ToHaveTextAsync(Shown.Number(now));

            // A unit's own chart, opened from its row, follows the unit's history.
            await page.GetByTestId($"unit-trend-toggle-{unit.Id()}").ClickAsync();
            var unitTrend = page.GetByTestId($"unit-trend-{unit.Id()}");
            await Expect(unitTrend.Locator(".uplot canvas").First).ToBeVisibleAsync();
            await Expect(unitTrend.GetByTestId("trend-last-available")).ToHaveTextAsync(Shown.Number(beds.Open));
            await Expect(page.GetByTestId($"unit-trend-toggle-{unit.Id()}")).ToHaveAttributeAsync("aria-expanded", "true");

            await ExpectNoSeriousAxeViolationsAsync(page, "[data-testid='trend']", $"[data-testid='unit-trend-{unit.Id()}']");
        }
        finally { await page.CloseContextAsync(); }
    }

    [Fact]
    public async Task Replay_shows_the_grid_as_it_was_between_two_writes_read_only_and_explains_the_level()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Mende]);
        // First state: every unit full (the establishment's level rises); then one unit empties.
        var establishment = await FillEveryUnitAsync(manager);
        var first = await manager.GetJsonAsync($"/api/establishments/{Mende}");
        await Task.Delay(300, TestContext.Current.CancellationToken);
        var at = DateTimeOffset.UtcNow;
        await Task.Delay(1200, TestContext.Current.CancellationToken);
        var unit = establishment.Children().First(u => u.BedsOf().Open > 0);
        await manager.PutBedsAsync(Mende, unit.Id(), unit.BedsOf() with { Occupied = 0, Reserved = 0 });
        var second = await manager.GetJsonAsync($"/api/establishments/{Mende}");
        Assert.NotEqual(first.Available(), second.Available());
        var atText = at.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
        var levels = await manager.GetJsonAsync($"/api/establishments/{Mende}/levels?from={Uri.EscapeDataString(at.AddDays(-1).ToString("O"))}");
        var inForce = levels.EnumerateArray().Last(l => DateTimeOffset.Parse(l.GetProperty("from").GetString()!) <= at);
        var alerts = await manager.GetJsonAsync($"/api/alerts?scope=establishment:{Mende}");
        var later = alerts.EnumerateArray().Where(a => DateTimeOffset.Parse(a.GetProperty("at").GetString()!) > at).ToList();

        var page = await browser.NewPageAsync(Server.BaseAddress);
        try
        {
            await page.GotoAsync($"/board/establishment/{Mende}?at={Uri.EscapeDataString(atText)}");
            var banner = page.GetByTestId("replay-banner");
            await Expect(banner).ToBeVisibleAsync();
            await Expect(banner).ToContainTextAsync(new Regex(@"Relecture\s*— état au .*\d{2}:\d{2}:\d{2}.*heure de Paris", RegexOptions.IgnoreCase));
            await Expect(page.GetByTestId("scope-total-available")).ToHaveTextAsync(Shown.Number(first.Available()));
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-conn", "replay");
            // Why the level was what it was: the cause recorded with the change in force then.
            await Expect(page.GetByTestId("replay-why")).ToContainTextAsync(inForce.GetProperty("cause").GetString()!);
            // Alerts up to that instant only: none raised after it.
            foreach (var a in later)
                await Expect(page.GetByTestId($"alert-{a.GetProperty("id").GetString()}")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("trend")).ToHaveAttributeAsync("data-range", "24h");
            await Expect(page.GetByTestId("trend-summary")).ToContainTextAsync("État relu");
            // The chart's last point is the replayed state too, not the current minute's live figures.
            await Expect(page.GetByTestId("trend-last-available")).ToHaveTextAsync(Shown.Number(first.Available()));

            // Read-only: a write now does not reach the replayed page (the API has it, the page keeps the past).
            var b = unit.BedsOf();
            await manager.PutBedsAsync(Mende, unit.Id(), b with { Occupied = Math.Min(1, b.Open), Reserved = 0 });
            var third = await manager.GetJsonAsync($"/api/establishments/{Mende}");
            await Task.Delay(1500, TestContext.Current.CancellationToken);
            await Expect(page.GetByTestId("scope-total-available")).ToHaveTextAsync(Shown.Number(first.Available()));
            Assert.NotEqual(first.Available(), third.Available());

            await ExpectNoSeriousAxeViolationsAsync(page, "[data-testid='replay-bar']", "[data-testid='trend']");

            // The timeline, from the keyboard: one step back moves the replayed instant and rereads the grid.
            var shown = await banner.Locator("time").GetAttributeAsync("datetime");
            await page.GetByTestId("replay-scrub").FocusAsync();
            await page.Keyboard.PressAsync("ArrowLeft");
            await Expect(banner.Locator("time")).Not.ToHaveAttributeAsync("datetime", shown!);
            await Expect(page).ToHaveURLAsync(new Regex(@"[?&]at=\d{4}-"));

            // Back to live: the latest figures, pushed again.
            await page.GetByTestId("replay-live").ClickAsync();
            await page.ExpectLiveAsync();
            await Expect(page.GetByTestId("replay-bar")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("scope-total-available")).ToHaveTextAsync(Shown.Number(third.Available()));
        }
        finally { await page.CloseContextAsync(); }
    }

    [Fact]
    public async Task The_level_stepper_moves_the_replay_to_the_previous_level_change_and_says_why()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Mende]);
        var establishment = await FillEveryUnitAsync(manager);
        foreach (var u in establishment.Children())
            await manager.PutBedsAsync(Mende, u.Id(), u.BedsOf() with { Occupied = 0, Reserved = 0 });
        await Task.Delay(1100, TestContext.Current.CancellationToken);
        var at = DateTimeOffset.UtcNow;
        var levels = (await manager.GetJsonAsync($"/api/establishments/{Mende}/levels")).EnumerateArray().ToList();
        Assert.True(levels.Count >= 2, "filling then emptying every unit changes the establishment's level twice");
        var last = levels[^1];
        var lastChange = DateTimeOffset.Parse(last.GetProperty("from").GetString()!);

        var page = await browser.NewPageAsync(Server.BaseAddress);
        try
        {
            await page.GotoAsync($"/board/establishment/{Mende}?at={Uri.EscapeDataString(at.ToString("O"))}");
            var why = page.GetByTestId("replay-why");
            await Expect(why).ToContainTextAsync(last.GetProperty("cause").GetString()!);
            await page.GetByTestId("replay-prev").ClickAsync();
            // The replay now stands on the last change itself.
            await Expect(page.GetByTestId("replay-banner").Locator("time")).ToHaveAttributeAsync("datetime", new Regex("^" + Regex.Escape(lastChange.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss"))));
            await Expect(why).ToContainTextAsync(last.GetProperty("cause").GetString()!);
            await page.GetByTestId("replay-prev").ClickAsync();
            await Expect(why).ToContainTextAsync(levels[^2].GetProperty("cause").GetString()!);
        }
        finally { await page.CloseContextAsync(); }
    }

    /// <summary>Every unit of the establishment full: its level rises. Returns the establishment as it was before.</summary>
    private static async Task<JsonElement> FillEveryUnitAsync(HttpClient manager)
    {
        var establishment = await manager.GetJsonAsync($"/api/establishments/{Mende}");
        foreach (var u in establishment.Children())
        {
            var b = u.BedsOf();
            await manager.PutBedsAsync(Mende, u.Id(), b with { Occupied = Math.Max(0, b.Open - b.Reserved) });
        }
        return establishment;
    }

    /// <summary>
    /// axe-core on the parts this feature adds. Scoped: the rest of the board has known serious findings of its
    /// own (level badge contrast in the alert feed, the map's nested links, the alert feed's scrolling).
    /// </summary>
    private static async Task ExpectNoSeriousAxeViolationsAsync(IPage page, params string[] selectors)
    {
        foreach (var selector in selectors)
        {
            var result = await page.Locator(selector).RunAxe();
            var serious = result.Violations.Where(v => v.Impact is "critical" or "serious").ToList();
            Assert.True(serious.Count == 0, $"axe on {selector}: " + string.Join("; ", serious.Select(v =>
                $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
        }
    }
}
