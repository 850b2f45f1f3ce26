using BedCoord.Testing;

namespace BedCoord.Board.Tests;

/// <summary>
/// Every page of the product in the state a user sees it, holding the demo data: the board at each level (region,
/// sector, département, establishment with a unit's trend and a data table open), the kiosk, a replay, the search
/// with results, the bed manager's sign-in and editing screens, the weekly report. Shared by the accessibility and
/// security-policy checks so both look at the same pages.
/// </summary>
public static class PageTour
{
    public const string Ariege = "09";
    public const string StLizier = "090000183";

    public sealed record Stop(string Name, Func<IPage, Task> Open);

    public static async Task<IReadOnlyList<Stop>> StopsAsync(ServerProcess server)
    {
        using var viewer = await server.ClientAsync("viewer");
        var region = await viewer.GetJsonAsync("/api/regions/OCC");
        var sector = region.Children().First().Id();
        var unit = (await viewer.GetJsonAsync($"/api/establishments/{StLizier}")).Children().First().Id();
        return
        [
            new("région", page => OpenBoardAsync(page, "/board", expectMap: true)),
            new("secteur", page => OpenBoardAsync(page, $"/board/sector/{sector}", expectMap: true)),
            new("département", page => OpenBoardAsync(page, $"/board/department/{Ariege}", expectMap: true)),
            new("établissement (tendance d'un service, données du graphique)", async page =>
            {
                await OpenBoardAsync(page, $"/board/establishment/{StLizier}", expectMap: true);
                await page.GetByTestId($"unit-trend-toggle-{unit}").ClickAsync();
                await Expect(page.GetByTestId($"unit-trend-{unit}").GetByTestId("trend-summary")).Not.ToContainTextAsync("Chargement");
                await page.GetByTestId("trend").First.GetByTestId("trend-table-toggle").ClickAsync();
                await Expect(page.GetByTestId("trend-table").First).ToBeVisibleAsync();
            }),
            new("kiosque", page => OpenBoardAsync(page, "/board?kiosk=1", expectMap: true)),
            new("relecture (historique)", async page =>
            {
                var at = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("yyyy-MM-ddTHH:mm:ssZ");
                await page.GotoAsync($"/board/department/{Ariege}?at={at}");
                await Expect(page.GetByTestId("replay-bar")).ToBeVisibleAsync();
                await Expect(page.GetByTestId("scope-total-available")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d"));
                await Expect(page.GetByTestId("trend").GetByTestId("trend-summary")).Not.ToContainTextAsync("Chargement");
            }),
            new("recherche", async page =>
            {
                await page.GotoAsync("/recherche?category=MED");
                await Expect(page.GetByTestId("search-results")).ToBeVisibleAsync();
                await Expect(page.GetByTestId("search-results").Locator("tbody tr").First).ToBeVisibleAsync();
            }),
            new("saisie des lits : connexion", async page =>
            {
                await page.GotoAsync("/lits");
                await Expect(page.GetByTestId("signin-form")).ToBeVisibleAsync();
            }),
            new("saisie des lits : connecté, en saisie, une erreur affichée", async page =>
            {
                await page.GotoAsync("/lits");
                var form = page.GetByTestId("signin-form");
                await form.Locator("input[name='sub']").FillAsync("cadre.nuit");
                await form.Locator("input[name='finess']").FillAsync(StLizier);
                await form.Locator("button[type='submit']").ClickAsync();
                var unitForm = page.GetByTestId($"unit-form-{unit}");
                await Expect(unitForm).ToBeVisibleAsync();
                await page.ExpectLiveAsync();
                // Editing: a refused value shows the server's field error next to its input.
                await unitForm.Locator("input[name='occupied']").FillAsync("-3");
                await unitForm.Locator("button[type='submit']").ClickAsync();
                await Expect(page.GetByTestId($"unit-error-{unit}")).ToBeVisibleAsync();
            }),
            new("rapport hebdomadaire", async page =>
            {
                await page.GotoAsync($"/rapport/departement/{Ariege}");
                await Expect(page.GetByTestId("report-est").First).ToBeVisibleAsync();
            }),
        ];
    }

    /// <summary>A board page with its figures read, its map coloured and its trend drawn or described.</summary>
    public static async Task OpenBoardAsync(IPage page, string url, bool expectMap)
    {
        await page.GotoAsync(url);
        await page.ExpectLiveAsync();
        await Expect(page.GetByTestId("scope-total-available")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d"));
        if (expectMap) await Expect(page.Locator("[data-testid^='dept-'][data-level]")).ToHaveCountAsync(13);
        await Expect(page.Locator("[data-testid^='child-row-']").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("trend").First.GetByTestId("trend-summary")).Not.ToContainTextAsync("Chargement");
    }
}
