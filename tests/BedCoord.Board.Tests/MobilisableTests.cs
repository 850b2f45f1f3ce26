using System.Text.Json;
using System.Text.RegularExpressions;
using BedCoord.Testing;
using Deque.AxeCore.Playwright;

namespace BedCoord.Board.Tests;

/// <summary>
/// Mobilisable capacity in the browser: a bed manager states it on a phone, and the board's panel of the
/// establishment and of its département read "+N lits mobilisables sous 24 h, dont M sans renfort RH".
/// </summary>
public sealed class MobilisableTests(ServerFixture fixture, BrowserFixture browser) : IClassFixture<ServerFixture>
{
    private const string Finess = "090000183";   // CH Ariège Couserans (09)
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task A_bed_manager_states_mobilisable_beds_and_the_board_shows_the_line()
    {
        using var viewer = await Server.ClientAsync("viewer");
        var page = await browser.NewPageAsync(Server.BaseAddress, 390, 844, mobile: true);
        try
        {
            await page.GotoAsync("/lits");
            var signin = page.GetByTestId("signin-form");
            await signin.Locator("input[name='sub']").FillAsync("cadre.crise");
            await signin.Locator("input[name='finess']").FillAsync(Finess);
            await signin.Locator("button[type='submit']").ClickAsync();
            var form = page.GetByTestId("unit-form-smr");
            await Expect(form).ToBeVisibleAsync();
            await page.ExpectLiveAsync();
            var closed = int.Parse(await form.Locator("input[name='closed']").InputValueAsync());

            // One more reopenable bed than closed ones: refused under the field, nothing saved.
            await form.Locator("input[name='reopenable']").FillAsync((closed + 1).ToString());
            await form.Locator("button[type='submit']").ClickAsync();
            await Expect(form.Locator("[data-error-for='reopenable']")).ToContainTextAsync("ne peuvent pas dépasser les lits fermés");

            await form.Locator("input[name='reopenable']").FillAsync(closed.ToString());
            await form.Locator("select[name='reopenableWithinHours']").SelectOptionAsync("24");
            await form.Locator("input[name='surgeWithoutStaff']").FillAsync("3");
            await form.Locator("select[name='surgeWithoutStaffWithinHours']").SelectOptionAsync("24");
            await form.Locator("input[name='surgeWithStaff']").FillAsync("4");
            await form.Locator("button[type='submit']").ClickAsync();
            await Expect(page.GetByTestId("unit-saved-smr")).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways at 390 px");
            var unit = (await viewer.GetJsonAsync($"/api/establishments/{Finess}/units/smr")).GetProperty("beds").GetProperty("mobilisable");
            Assert.Equal(closed + 3 + 4, unit.GetProperty("total").GetInt32());
            Assert.Equal(closed + 3, unit.GetProperty("within24h").GetProperty("total").GetInt32());

            foreach (var path in new[] { $"/board/establishment/{Finess}", "/board/department/09" })
            {
                var api = path.Contains("establishment") ? $"/api/establishments/{Finess}" : "/api/departments/09";
                var m = (await viewer.GetJsonAsync(api)).GetProperty("beds").GetProperty("mobilisable");
                var within = m.GetProperty("within24h");
                var expected = new Regex($@"\+{Digits(within, "total")} lits mobilisables sous 24 h, dont {Digits(within, "surgeWithoutStaff")} sans renfort RH");
                await page.GotoAsync(path);
                await page.ExpectLiveAsync();
                var line = page.GetByTestId("scope-mobilisable");
                await Expect(line).ToContainTextAsync(expected);
                await Expect(line).ToContainTextAsync(new Regex($@"{Digits(m, "total")} au total"));
                var result = await page.RunAxe();
                var blocking = result.Violations.Where(v => v.Impact is "critical" or "serious").ToList();
                Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v => $"{v.Id} ({v.Impact}): {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
            }
        }
        finally { await page.CloseContextAsync(); }
    }

    // A count as the board prints it (fr-FR may put a narrow space between thousands).
    private static string Digits(JsonElement figures, string name) =>
        string.Join(@"\D?", figures.GetProperty(name).GetInt32().ToString().ToCharArray());
}
