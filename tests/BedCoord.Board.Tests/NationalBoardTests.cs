using System.Text;
using BedCoord.Testing;
using Deque.AxeCore.Playwright;

namespace BedCoord.Board.Tests;

/// <summary>
/// A fresh national deployment as an operator meets it: an empty territory the boards explain, then an import of
/// two regions (one overseas) and the national board France → regions → the regional board, kept live.
/// </summary>
public sealed class NationalBoardTests(NationalBoardTests.EmptyServerFixture fixture, BrowserFixture browser)
    : IClassFixture<NationalBoardTests.EmptyServerFixture>
{
    public sealed class EmptyServerFixture(PostgresFixture postgres) : ServerFixture(postgres)
    {
        protected override IDictionary<string, string>? Settings => new Dictionary<string, string> { ["Demo:Seed"] = "false" };
    }

    private const string Guadeloupe = "970100001";
    private ServerProcess Server => fixture.Server;

    private static string Region(string id, string name, string dept, string finess, int installed, int occupied) => $$$"""
        {"id":"{{{id}}}","name":"{{{name}}}","sectors":[{"id":"{{{id}}}-1","name":"{{{name}}} 1","departments":[
          {"code":"{{{dept}}}","name":"Dép. {{{dept}}}","establishments":[
            {"id":"{{{finess}}}","name":"CH {{{name}}}","category":"CH","emergencyDepartment":true,"units":[
              {"id":"med","name":"Médecine","category":"MED",
               "initial":{"installed":{{{installed}}},"closed":0,"surge":0,"occupied":{{{occupied}}},"reserved":0,"expectedDischarges":0}}]}]}]}]}
        """;

    [Fact]
    public async Task An_empty_territory_is_explained_then_the_national_board_leads_from_France_to_each_region_live()
    {
        var page = await browser.NewPageAsync(Server.BaseAddress);
        try
        {
            // Nothing imported: both boards say so in French rather than "unknown scope" or a blank page.
            await page.GotoAsync("/board");
            await Expect(page.GetByTestId("empty-territory")).ToContainTextAsync("Aucun territoire importé");
            await page.GotoAsync("/board/national");
            await Expect(page.GetByTestId("empty-territory")).ToContainTextAsync("Aucun territoire importé");

            using var admin = await Server.ClientAsync("admin", region: null);
            var document = "{\"regions\":[" + Region("GUA", "Guadeloupe", "971", Guadeloupe, 30, 21) + "," + Region("OCC", "Occitanie", "31", "310000001", 50, 10) + "]}";
            var import = await admin.PostAsync("/api/admin/territory", new StringContent(document, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var nation = await admin.GetJsonAsync("/api/nation");
            Assert.Equal(9 + 40, nation.Available());
            Assert.Equal(["GUA", "OCC"], nation.Children().Select(c => c.Id()));

            await page.GotoAsync("/board/national");
            await Expect(page.GetByTestId("national-available")).ToHaveTextAsync(Shown.Number(49));
            await Expect(page.GetByTestId("region-GUA")).ToContainTextAsync("Guadeloupe");
            await Expect(page.GetByTestId("region-OCC")).ToContainTextAsync("Occitanie");
            // The map: 18 regions drawn, the two of the territory as links named with their figures.
            var map = page.GetByTestId("national-map");
            await Expect(map.Locator("path.region-shape")).ToHaveCountAsync(18);
            await Expect(map.Locator("a[data-testid^='map-region-']")).ToHaveCountAsync(2);
            await Expect(page.GetByTestId("map-region-GUA")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("Guadeloupe : .*9 lits disponibles"));
            await AssertAccessibleAsync(page);

            // A bed update overseas reaches France's total without a reload.
            await admin.PutBedsAsync(Guadeloupe, "med", new Beds(30, 0, 0, 10, 0, 0));
            await Expect(page.GetByTestId("national-available")).ToHaveTextAsync(Shown.Number(60));
            await Expect(page.GetByTestId("region-GUA")).ToContainTextAsync("20");

            // France → region: the region's own board.
            await page.GetByTestId("region-GUA").ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/board\\?region=GUA$"));
            await Expect(page.GetByTestId("scope-total-available")).ToHaveTextAsync(Shown.Number(20));

            // At phone width the national board scrolls only vertically.
            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync("/board/national");
            await Expect(page.GetByTestId("national-available")).ToHaveTextAsync(Shown.Number(60));
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "horizontal scroll at 390 px");
        }
        finally { await page.CloseContextAsync(); }
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "critical" or "serious").ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v => $"{v.Id} ({v.Impact}): {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }
}
