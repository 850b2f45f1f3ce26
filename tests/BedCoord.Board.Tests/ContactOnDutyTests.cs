using System.Text.Json;
using Deque.AxeCore.Playwright;
using BedCoord.Testing;

namespace BedCoord.Board.Tests;

/// <summary>
/// Who to call now (issue 10 item 6): the cell page and the board show the contact on duty first and the rest of
/// the roster behind a disclosure that the keyboard reaches and opens, accessible in its open state.
/// </summary>
[Collection(ReadOnlyDemoCollection.Name)]
public sealed class ContactOnDutyTests(ServerFixture fixture, BrowserFixture browser)
{
    private ServerProcess Server => fixture.Server;

    /// <summary>A demo establishment of Haute-Garonne whose roster has someone on duty and others.</summary>
    private async Task<(string Id, JsonElement OnDuty, List<JsonElement> Others)> RosterAsync()
    {
        using var viewer = await Server.ClientAsync("viewer");
        var department = await viewer.GetJsonAsync("/api/departments/31");
        var e = department.Children().First(c => c.TryGetProperty("contact", out var k) && k.ValueKind == JsonValueKind.Object
            && c.GetProperty("contacts").GetArrayLength() >= 3);
        var roster = e.GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(roster[0].GetRawText(), e.GetProperty("contact").GetRawText()); // on duty first in call order
        return (e.Id(), roster[0], roster.Skip(1).ToList());
    }

    [Fact]
    public async Task The_cell_page_shows_the_contact_on_duty_and_the_others_behind_a_keyboard_disclosure()
    {
        var (id, onDuty, others) = await RosterAsync();
        var token = await Server.TokenAsync("viewer");
        var page = await browser.NewPageAsync(Server.BaseAddress, width: 1400, height: 1000);
        try
        {
            await page.GotoAsync($"/cellule/establishment/{id}?token={token}");
            await ExpectOnDutyFirstThenOpenByKeyboardAsync(page, page.GetByTestId("cell-contact"), "cell-other-contacts", onDuty, others);
        }
        finally { await page.CloseContextAsync(); }
    }

    [Fact]
    public async Task The_board_shows_the_contact_on_duty_and_the_others_behind_a_keyboard_disclosure()
    {
        var (id, onDuty, others) = await RosterAsync();
        var page = await browser.NewPageAsync(Server.BaseAddress, width: 1400, height: 1000);
        try
        {
            await page.GotoAsync($"/board/establishment/{id}");
            await page.ExpectLiveAsync();
            await ExpectOnDutyFirstThenOpenByKeyboardAsync(page, page.GetByTestId("scope-contact"), "scope-other-contacts", onDuty, others);
        }
        finally { await page.CloseContextAsync(); }
    }

    private static async Task ExpectOnDutyFirstThenOpenByKeyboardAsync(IPage page, ILocator block, string disclosureId, JsonElement onDuty, List<JsonElement> others)
    {
        await Expect(block).ToContainTextAsync(onDuty.GetProperty("bedManager").GetString()!);
        await Expect(block).ToContainTextAsync(onDuty.GetProperty("role").GetString()!);
        var phone = onDuty.GetProperty("phone").GetString()!;
        await Expect(block.GetByRole(AriaRole.Link, new() { Name = phone }).First).ToHaveAttributeAsync("href", "tel:" + phone.Replace(" ", ""));
        var disclosure = page.GetByTestId(disclosureId);
        var summary = disclosure.Locator("summary");
        await Expect(summary).ToHaveTextAsync($"Autres contacts ({others.Count})");
        var listed = disclosure.Locator("li");
        await Expect(listed.First).ToBeHiddenAsync(); // a click away, not shown at once

        // Reach it with Tab alone, open it with Enter.
        var reached = false;
        for (var i = 0; i < 80 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await summary.EvaluateAsync<bool>("s => document.activeElement === s");
        }
        Assert.True(reached, "the disclosure is reachable with Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(disclosure).ToHaveJSPropertyAsync("open", true);
        await Expect(listed).ToHaveCountAsync(others.Count);
        for (var i = 0; i < others.Count; i++)
            await Expect(listed.Nth(i)).ToContainTextAsync(others[i].GetProperty("bedManager").GetString()!);
        await Expect(listed.First).ToBeVisibleAsync();

        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "critical" or "serious").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Impact} {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))})")));
    }
}
