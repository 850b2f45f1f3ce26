using System.Net.Http.Json;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Board.Tests;

/// <summary>The bed manager's page /lits on a phone: sign in, type, save, refused input, a colleague's concurrent save.</summary>
public sealed class BedManagerTests(ServerFixture fixture, BrowserFixture browser) : IClassFixture<ServerFixture>
{
    private const string Finess = "090000183";   // CH Ariège Couserans: 9 units
    private ServerProcess Server => fixture.Server;

    private static async Task SignInAsync(IPage page, string finess)
    {
        await page.GotoAsync("/lits");
        var form = page.GetByTestId("signin-form");
        await form.Locator("input[name='sub']").FillAsync("cadre.nuit");
        await form.Locator("input[name='finess']").FillAsync(finess);
        await form.Locator("button[type='submit']").ClickAsync();
        await Expect(form).ToBeHiddenAsync();
    }

    private static async Task FillAsync(ILocator form, Beds beds)
    {
        await form.Locator("input[name='installed']").FillAsync(beds.Installed.ToString());
        await form.Locator("input[name='closed']").FillAsync(beds.Closed.ToString());
        await form.Locator("input[name='surge']").FillAsync(beds.Surge.ToString());
        await form.Locator("input[name='occupied']").FillAsync(beds.Occupied.ToString());
        await form.Locator("input[name='reserved']").FillAsync(beds.Reserved.ToString());
        await form.Locator("input[name='expectedDischarges']").FillAsync(beds.ExpectedDischarges.ToString());
    }

    [Fact]
    public async Task A_bed_manager_sees_only_their_units_and_saves_checked_values()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var establishment = await manager.GetJsonAsync($"/api/establishments/{Finess}");
        var units = establishment.Children().Select(u => u.Id()).ToArray();
        var page = await browser.NewPageAsync(Server.BaseAddress, 390, 844, mobile: true);
        try
        {
            await SignInAsync(page, Finess);
            var forms = page.Locator("[data-testid^='unit-form-']");
            await Expect(forms).ToHaveCountAsync(units.Length);
            foreach (var id in units)
                await Expect(page.GetByTestId($"unit-form-{id}")).ToHaveAttributeAsync("data-finess", Finess);
            Assert.Equal(units.Length, await page.Locator($"[data-testid^='unit-form-'][data-finess='{Finess}']").CountAsync());
            await page.ExpectLiveAsync();

            const string unitId = "chir";
            var form = page.GetByTestId($"unit-form-{unitId}");
            var available = page.GetByTestId($"unit-available-{unitId}");
            await Expect(available).ToHaveTextAsync(Shown.Number(establishment.Child(unitId).Available()));

            // Typing recomputes the available beds at once, before anything is sent.
            var typed = new Beds(Installed: 24, Closed: 2, Surge: 1, Occupied: 18, Reserved: 1, ExpectedDischarges: 3);
            await FillAsync(form, typed);
            await Expect(available).ToHaveTextAsync(Shown.Number(typed.Available));
            await form.Locator("input[name='occupied']").FillAsync("20");
            await Expect(available).ToHaveTextAsync(Shown.Number(typed.Available - 2));
            typed = typed with { Occupied = 20 };

            await form.Locator("button[type='submit']").ClickAsync();
            await Expect(page.GetByTestId($"unit-saved-{unitId}")).ToBeVisibleAsync();
            await Expect(page.GetByTestId($"unit-error-{unitId}")).ToBeHiddenAsync();
            var stored = (await manager.GetJsonAsync($"/api/establishments/{Finess}")).Child(unitId);
            Assert.Equal(typed, stored.BedsOf());
            Assert.Equal("cadre.nuit", stored.GetProperty("updatedBy").GetString());
            await form.EvaluateAsync("f => f.scrollIntoView({ block: 'start' })");
            await page.ScreenshotToDocsAsync("lits.png");
        }
        finally { await page.CloseContextAsync(); }
    }

    [Fact]
    public async Task Values_the_server_refuses_show_its_French_message_and_change_nothing()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        const string unitId = "ped";
        var before = (await manager.GetJsonAsync($"/api/establishments/{Finess}")).Child(unitId).BedsOf();
        var invalid = before with { Closed = 0, Surge = 0, Occupied = before.Installed + 5, Reserved = 0 };
        // What the server says about these values, asked directly (a refused request changes nothing).
        var refused = await manager.PutBedsRawAsync(Finess, unitId, invalid);
        Assert.Equal(400, (int)refused.StatusCode);
        var message = (await refused.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors").GetProperty("occupied")[0].GetString()!;

        var page = await browser.NewPageAsync(Server.BaseAddress, 390, 844, mobile: true);
        try
        {
            await SignInAsync(page, Finess);
            var form = page.GetByTestId($"unit-form-{unitId}");
            await FillAsync(form, invalid);
            await Expect(page.GetByTestId($"unit-available-{unitId}")).ToHaveTextAsync(Shown.Number(invalid.Available));
            await Expect(page.GetByTestId($"unit-available-{unitId}")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bnegative\b"));
            await form.Locator("button[type='submit']").ClickAsync();

            var error = page.GetByTestId($"unit-error-{unitId}");
            await Expect(error).ToBeVisibleAsync();
            await Expect(error).ToContainTextAsync(message);
            await Expect(form.Locator("input[name='occupied']")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(page.GetByTestId($"unit-saved-{unitId}")).ToBeHiddenAsync();
            Assert.Equal(before, (await manager.GetJsonAsync($"/api/establishments/{Finess}")).Child(unitId).BedsOf());
        }
        finally { await page.CloseContextAsync(); }
    }

    [Fact]
    public async Task A_colleagues_save_in_between_is_not_overwritten_the_page_says_so_and_reloads()
    {
        using var colleague = await Server.ClientAsync("bed-manager", establishments: [Finess], sub: "collegue");
        const string unitId = "med";
        var page = await browser.NewPageAsync(Server.BaseAddress, 390, 844, mobile: true);
        try
        {
            await SignInAsync(page, Finess);
            await page.ExpectLiveAsync();
            var form = page.GetByTestId($"unit-form-{unitId}");
            var start = (await colleague.GetJsonAsync($"/api/establishments/{Finess}")).Child(unitId).BedsOf();
            await Expect(form.Locator("input[name='occupied']")).ToHaveValueAsync(start.Occupied.ToString());

            // The bed manager starts typing ...
            var mine = start with { Occupied = Math.Max(0, start.Occupied - 3) };
            await FillAsync(form, mine);
            // ... while a colleague saves the same unit.
            var theirs = start with { Occupied = Math.Max(0, start.Occupied - 1), ExpectedDischarges = start.ExpectedDischarges + 2 };
            await colleague.PutBedsAsync(Finess, unitId, theirs);
            await Expect(form.Locator(".unit-notice")).ToBeVisibleAsync();   // the push warns before saving

            await form.Locator("button[type='submit']").ClickAsync();
            var error = page.GetByTestId($"unit-error-{unitId}");
            await Expect(error).ToBeVisibleAsync();
            await Expect(error).ToContainTextAsync("modifié par quelqu'un d'autre");
            await Expect(page.GetByTestId($"unit-saved-{unitId}")).ToBeHiddenAsync();
            // The colleague's values stay, and the form now shows them.
            Assert.Equal(theirs, (await colleague.GetJsonAsync($"/api/establishments/{Finess}")).Child(unitId).BedsOf());
            await Expect(form.Locator("input[name='expectedDischarges']")).ToHaveValueAsync(theirs.ExpectedDischarges.ToString());
            await Expect(form.Locator("input[name='occupied']")).ToHaveValueAsync(theirs.Occupied.ToString());

            // Saving again from the reloaded form is accepted.
            await form.Locator("input[name='occupied']").FillAsync(mine.Occupied.ToString());
            await form.Locator("button[type='submit']").ClickAsync();
            await Expect(page.GetByTestId($"unit-saved-{unitId}")).ToBeVisibleAsync();
            Assert.Equal(theirs with { Occupied = mine.Occupied }, (await colleague.GetJsonAsync($"/api/establishments/{Finess}")).Child(unitId).BedsOf());
        }
        finally { await page.CloseContextAsync(); }
    }
}
