using System.Text.Json;
using System.Text.RegularExpressions;
using BedCoord.Testing;

namespace BedCoord.Board.Tests;

/// <summary>The wall board as a regulator sees it: map, sectors, live figures, drill-down; and the search page.</summary>
public sealed class BoardTests(ServerFixture fixture, BrowserFixture browser) : IClassFixture<ServerFixture>
{
    private const string Ariege = "09";           // small département: 5 establishments
    private const string StLizier = "090000183";  // CH Ariège Couserans, in Ariège
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task The_region_board_shows_the_map_the_sectors_and_the_regions_available_beds_live()
    {
        using var viewer = await Server.ClientAsync("viewer");
        var region = await viewer.GetJsonAsync("/api/regions/OCC");
        var page = await browser.NewPageAsync(Server.BaseAddress);
        try
        {
            await page.GotoAsync("/board");

            var map = page.GetByTestId("map");
            await Expect(map).ToBeVisibleAsync();
            await Expect(map.Locator("path[data-testid^='dept-']")).ToHaveCountAsync(13);
            foreach (var sector in region.Children())
                await Expect(page.GetByTestId($"sector-{sector.Id()}")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid^='sector-']")).ToHaveCountAsync(4);

            await page.ExpectLiveAsync();
            await Expect(page.GetByTestId("scope-total-available")).ToHaveTextAsync(Shown.Number(region.Available()));
            // Every département of the map gets its colour (level) once the sectors are read.
            await Expect(map.Locator("path[data-testid^='dept-'][data-level]")).ToHaveCountAsync(13);

            await page.ScreenshotToDocsAsync("board.png");
        }
        finally { await page.CloseContextAsync(); }
    }

    [Fact]
    public async Task A_bed_update_through_the_api_changes_the_figures_on_screen_without_reload()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [StLizier]);
        var page = await browser.NewPageAsync(Server.BaseAddress);
        try
        {
            await page.GotoAsync($"/board/department/{Ariege}");
            await page.ExpectLiveAsync();
            var department = await manager.GetJsonAsync($"/api/departments/{Ariege}");
            var total = page.GetByTestId("scope-total-available");
            var row = page.GetByTestId($"child-row-{StLizier}");
            await Expect(total).ToHaveTextAsync(Shown.Number(department.Available()));
            await Expect(row.Locator("td.total .avail")).ToHaveTextAsync(Shown.Number(department.Child(StLizier).Available()));
            var navigations = 0;
            page.FrameNavigated += (_, f) => { if (f == page.MainFrame) navigations++; };

            // One unit empties: more beds available, pushed to the open page.
            var establishment = await manager.GetJsonAsync($"/api/establishments/{StLizier}");
            var unit = establishment.Children().First(u => u.BedsOf().Occupied > 0);
            await manager.PutBedsAsync(StLizier, unit.Id(), unit.BedsOf() with { Occupied = 0, Reserved = 0 });
            department = await manager.GetJsonAsync($"/api/departments/{Ariege}");
            await Expect(total).ToHaveTextAsync(Shown.Number(department.Available()));
            await Expect(row.Locator("td.total .avail")).ToHaveTextAsync(Shown.Number(department.Child(StLizier).Available()));

            // Every unit of the establishment full: a big change; the colours follow the levels the server computes
            // (normal until thresholds are configured, but whatever they are, the screen must agree with the API).
            foreach (var u in establishment.Children())
            {
                var b = u.BedsOf();
                await manager.PutBedsAsync(StLizier, u.Id(), b with { Occupied = Math.Max(0, b.Open - b.Reserved) });
            }
            department = await manager.GetJsonAsync($"/api/departments/{Ariege}");
            await Expect(total).ToHaveTextAsync(Shown.Number(department.Available()));
            await Expect(row.Locator("td.total .avail")).ToHaveTextAsync(Shown.Number(0));
            await Expect(row).ToHaveAttributeAsync("data-level", department.Child(StLizier).Level().ToString());
            await Expect(page.GetByTestId($"dept-{Ariege}")).ToHaveAttributeAsync("data-level", department.Level().ToString());
            Assert.Equal(0, navigations);
            Assert.EndsWith($"/board/department/{Ariege}", page.Url);
        }
        finally { await page.CloseContextAsync(); }
    }

    [Fact]
    public async Task Clicking_a_departement_drills_down_to_its_establishments_and_back_returns_to_the_region()
    {
        const string lozere = "48";
        using var viewer = await Server.ClientAsync("viewer");
        var region = await viewer.GetJsonAsync("/api/regions/OCC");
        var department = await viewer.GetJsonAsync($"/api/departments/{lozere}");
        var sector = await viewer.GetJsonAsync($"/api/sectors/{department.GetProperty("parentId").GetString()}");
        var page = await browser.NewPageAsync(Server.BaseAddress);
        try
        {
            await page.GotoAsync("/board");
            await page.ExpectLiveAsync();
            await Expect(page.GetByTestId("breadcrumb").Locator("li")).ToHaveTextAsync([region.Name()]);

            await page.GetByTestId($"dept-{lozere}").ClickAsync();

            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/board/department/{lozere}$"));
            await Expect(page.GetByTestId("breadcrumb").Locator("li")).ToHaveTextAsync([region.Name(), sector.Name(), department.Name()]);
            await Expect(page.GetByTestId($"dept-{lozere}")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bselected\b"));
            var expected = department.Children().Select(c => c.Id()).ToArray();
            var rows = page.Locator("[data-testid^='child-row-']");
            await Expect(rows).ToHaveCountAsync(expected.Length);
            foreach (var id in expected)
                await Expect(page.GetByTestId($"child-row-{id}")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("scope-total-available")).ToHaveTextAsync(Shown.Number(department.Available()));
            await page.ScreenshotToDocsAsync("board-department.png");

            await page.GoBackAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/board$"));
            await Expect(page.GetByTestId("breadcrumb").Locator("li")).ToHaveTextAsync([region.Name()]);
            await Expect(page.Locator("[data-testid^='child-row-']")).ToHaveCountAsync(region.GetProperty("children").GetArrayLength());
            await Expect(page.GetByTestId("scope-total-available")).ToHaveTextAsync(Shown.Number((await viewer.GetJsonAsync("/api/regions/OCC")).Available()));
        }
        finally { await page.CloseContextAsync(); }
    }

    [Fact]
    public async Task The_search_page_lists_establishments_with_available_beds_of_a_category()
    {
        using var viewer = await Server.ClientAsync("viewer");
        var expected = await viewer.GetJsonAsync("/api/search?category=SMR&region=OCC&limit=20");
        Assert.True(expected.GetArrayLength() > 0, "the demo data should have SMR beds available somewhere");
        var page = await browser.NewPageAsync(Server.BaseAddress);
        try
        {
            await page.GotoAsync("/recherche?category=SMR");
            var results = page.GetByTestId("search-results");
            await Expect(results).ToBeVisibleAsync();
            await Expect(results).ToHaveAttributeAsync("data-count", expected.GetArrayLength().ToString());
            var first = expected[0];
            var firstRow = page.GetByTestId($"search-row-{first.GetProperty("establishmentId").GetString()}");
            await Expect(firstRow).ToBeVisibleAsync();
            await Expect(firstRow.Locator("td.avail")).ToHaveTextAsync(Shown.Number(first.GetProperty("available").GetInt32()));
            await page.ExpectLiveAsync();
            await page.ScreenshotToDocsAsync("recherche.png");
        }
        finally { await page.CloseContextAsync(); }
    }

    [Fact]
    public async Task The_kiosk_rotation_goes_from_sector_to_sector_and_can_be_paused_and_resumed_by_keyboard()
    {
        var page = await browser.NewPageAsync(Server.BaseAddress);
        try
        {
            await page.GotoAsync("/board?kiosk=1&rotate=5");
            await Expect(page).ToHaveURLAsync(new Regex("/board/sector/"), new() { Timeout = 20_000 });
            var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Pause de la rotation" });
            await toggle.FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByTestId("rotation-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
            var paused = page.Url;
            // Two rotation periods and more: the sector shown stays.
            await Task.Delay(TimeSpan.FromSeconds(12), TestContext.Current.CancellationToken);
            Assert.Equal(paused, page.Url);

            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByTestId("rotation-toggle")).ToHaveTextAsync("Pause de la rotation");
            await Expect(page).Not.ToHaveURLAsync(paused, new() { Timeout = 20_000 });
        }
        finally { await page.CloseContextAsync(); }
    }
}
