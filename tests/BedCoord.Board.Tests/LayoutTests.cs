using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Board.Tests;

/// <summary>
/// Steady: the board fits wall screens and a phone without horizontal scroll (tables adapt, nothing is cut), and it
/// keeps its layout while the data arrives (cumulative layout shift under 0.1, from Chromium's layout-shift entries).
/// </summary>
[Collection(ReadOnlyDemoCollection.Name)]
public sealed class LayoutTests(ServerFixture fixture, BrowserFixture browser)
{
    private ServerProcess Server => fixture.Server;

    // Whatever scrolls sideways: the page itself, or a region holding a table (a cut last column).
    private const string Overflows = """
        () => {
          const out = [];
          const se = document.scrollingElement;
          if (se.scrollWidth > se.clientWidth) out.push(`page ${se.scrollWidth} > ${se.clientWidth}`);
          for (const el of document.querySelectorAll('.children-wrap, .results-wrap, .trend-table-wrap, .kpis, .board-grid > *'))
            if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.className} ${el.scrollWidth} > ${el.clientWidth}`);
          return out;
        }
        """;

    [Theory]
    [InlineData(1600, 900, false)]
    [InlineData(1920, 1080, false)]
    [InlineData(3840, 2160, false)]
    [InlineData(390, 844, true)]
    public async Task The_board_and_the_search_fit_the_screen_without_horizontal_scroll(int width, int height, bool mobile)
    {
        using var viewer = await Server.ClientAsync("viewer");
        var sector = (await viewer.GetJsonAsync("/api/regions/OCC")).Children().First().Id();
        var failures = new List<string>();
        var page = await browser.NewPageAsync(Server.BaseAddress, width, height, mobile);
        try
        {
            foreach (var url in new[] { "/board", $"/board/sector/{sector}", $"/board/department/{PageTour.Ariege}", $"/board/establishment/{PageTour.StLizier}", "/board?kiosk=1" })
            {
                if (mobile && url.Contains("kiosk")) continue; // a wall display, not a phone page (docs/ACCESSIBILITY.md)
                await PageTour.OpenBoardAsync(page, url, expectMap: true);
                failures.AddRange((await page.EvaluateAsync<string[]>(Overflows)).Select(o => $"{url}: {o}"));
                if (width == 1600 && url == "/board") await page.ScreenshotToDocsAsync("board-1600.png", fullPage: true); // the "Secteurs" table, whole
            }
            await page.GotoAsync("/recherche?category=MED");
            await Expect(page.GetByTestId("search-results").Locator("tbody tr").First).ToBeVisibleAsync();
            failures.AddRange((await page.EvaluateAsync<string[]>(Overflows)).Select(o => $"/recherche: {o}"));
        }
        finally { await page.CloseContextAsync(); }
        Assert.True(failures.Count == 0, $"{width}×{height}:\n" + string.Join("\n", failures));
    }

    [Theory]
    [InlineData(412, 823, true)]   // Lighthouse's mobile screen
    [InlineData(1350, 940, false)] // Lighthouse's desktop screen
    public async Task The_board_keeps_its_layout_while_the_data_arrives(int width, int height, bool mobile)
    {
        var results = new List<string>();
        var worstCls = 0.0;
        foreach (var url in new[] { "/board", $"/board/department/{PageTour.Ariege}", $"/board/establishment/{PageTour.StLizier}" })
        {
            var page = await browser.NewPageAsync(Server.BaseAddress, width, height, mobile);
            try
            {
                // Lighthouse's mobile network (150 ms round trip, 1.6 Mbit/s): the answers arrive one by one, as they
                // do in a hospital, instead of all within a frame on the loopback.
                var cdp = await page.Context.NewCDPSessionAsync(page);
                await cdp.SendAsync("Network.enable");
                await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
                {
                    ["offline"] = false, ["latency"] = 150, ["downloadThroughput"] = 1_600_000 / 8, ["uploadThroughput"] = 750_000 / 8,
                });
                await page.AddInitScriptAsync("""
                    window.__shifts = [];
                    new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push({ t: e.startTime, v: e.value,
                      who: e.sources.map(s => s.node ? (s.node.className || s.node.nodeName) + '' : '?').join(',') }); })
                      .observe({ type: 'layout-shift', buffered: true });
                    """);
                await PageTour.OpenBoardAsync(page, url, expectMap: true);
                await page.WaitForTimeoutAsync(1_500);
                var shifts = await page.EvaluateAsync<JsonElement>("() => window.__shifts");
                var (cls, worst) = SessionWindowCls(shifts);
                results.Add($"{url} {width}×{height}: CLS {cls:0.000} ({worst})");
                worstCls = Math.Max(worstCls, cls);
            }
            finally { await page.CloseContextAsync(); }
        }
        Console.WriteLine(string.Join("\n", results));
        Assert.True(worstCls < 0.1, string.Join("\n", results));
    }

    /// <summary>
    /// CLS as Chromium and Lighthouse define it: shifts grouped in session windows (gaps under 1 s, at most 5 s
    /// long); the score is the largest window's sum.
    /// </summary>
    private static (double Cls, string Sources) SessionWindowCls(JsonElement shifts)
    {
        double best = 0, current = 0, start = 0, last = double.NegativeInfinity;
        var sources = new List<string>();
        var bestSources = "";
        foreach (var s in shifts.EnumerateArray())
        {
            var t = s.GetProperty("t").GetDouble();
            var v = s.GetProperty("v").GetDouble();
            if (t - last > 1000 || t - start > 5000) { current = 0; start = t; sources.Clear(); }
            current += v;
            last = t;
            sources.Add($"{v:0.000} {s.GetProperty("who").GetString()}");
            if (current > best) { best = current; bestSources = string.Join("; ", sources); }
        }
        return (best, bestSources);
    }
}
