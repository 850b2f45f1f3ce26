using System.Text.Json;
using BedCoord.Testing;
using Deque.AxeCore.Playwright;

namespace BedCoord.Board.Tests;

/// <summary>
/// On the demo board a "non calculable" BJML takes a short label in its column, with the whole reason in the
/// tooltip and for screen readers, and once (not "BJML non calculable : BJML non calculable…") in the panel;
/// an establishment's panel shows who to call about beds.
/// </summary>
[Collection(ReadOnlyDemoCollection.Name)]
public sealed class BjmlAndContactTests(ServerFixture fixture, BrowserFixture browser)
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task A_non_computable_bjml_shows_a_short_label_in_the_table_and_its_whole_reason_once()
    {
        using var viewer = await Server.ClientAsync("viewer");
        var (department, establishment) = await FirstNotComputableAsync(viewer);
        var reason = establishment.GetProperty("bjml").GetProperty("reason").GetString()!;
        Assert.True(reason.Length > 40, reason); // long enough that a column would cut it
        var page = await browser.NewPageAsync(Server.BaseAddress);
        try
        {
            await page.GotoAsync($"/board/department/{department}");
            await page.ExpectLiveAsync();
            var cell = page.GetByTestId($"child-row-{establishment.Id()}").Locator("td.bjml");

            await Expect(cell.Locator(".nc-label")).ToHaveTextAsync("Non calculable");
            await Expect(cell).ToHaveAttributeAsync("title", reason);
            await Expect(cell.Locator(".visually-hidden")).ToHaveTextAsync($" : {reason}");
            // One line, nothing cut: the label fits its column.
            var box = await cell.Locator(".nc-label").BoundingBoxAsync();
            Assert.True(box!.Height < 30, $"the label wraps to {box.Height}px");
            Assert.True(await cell.EvaluateAsync<bool>("td => td.scrollWidth <= td.clientWidth"), "the cell overflows");
            // A computable neighbour still shows its coverage.
            var computable = (await viewer.GetJsonAsync($"/api/departments/{department}")).Children()
                .First(c => c.GetProperty("bjml") is { ValueKind: JsonValueKind.Object } b && b.GetProperty("computable").GetBoolean());
            await Expect(page.GetByTestId($"child-row-{computable.Id()}").Locator("td.bjml .big")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+\s?%$"));
            await AssertAccessibleAsync(page);

            await page.GotoAsync($"/board/establishment/{establishment.Id()}");
            await page.ExpectLiveAsync();
            var kpi = page.GetByTestId("scope-bjml");
            await Expect(kpi.Locator(".kpi-label")).ToHaveTextAsync("BJML non calculable");
            await Expect(kpi.Locator(".kpi-reason")).ToHaveTextAsync(reason);
            var text = await kpi.InnerTextAsync();
            Assert.Equal(1, CountOf(text, "non calculable"));
            await page.ScreenshotToDocsAsync("board-establishment-bjml.png");
        }
        finally { await page.CloseContextAsync(); }
    }

    [Fact]
    public async Task An_establishments_panel_shows_its_contact_line_with_a_phone_link()
    {
        using var viewer = await Server.ClientAsync("viewer");
        var department = await viewer.GetJsonAsync("/api/departments/31");
        var withContact = department.Children().First(c => c.TryGetProperty("contact", out var k) && k.TryGetProperty("phone", out _));
        var contact = withContact.GetProperty("contact");
        var page = await browser.NewPageAsync(Server.BaseAddress);
        try
        {
            await page.GotoAsync($"/board/establishment/{withContact.Id()}");
            await page.ExpectLiveAsync();
            var line = page.GetByTestId("scope-contact");
            await Expect(line).ToContainTextAsync(contact.GetProperty("bedManager").GetString()!);
            await Expect(line).ToContainTextAsync(contact.GetProperty("hours").GetString()!);
            var phone = contact.GetProperty("phone").GetString()!;
            await Expect(line.GetByRole(AriaRole.Link, new() { Name = phone })).ToHaveAttributeAsync("href", "tel:" + phone.Replace(" ", ""));
            await AssertAccessibleAsync(page);
        }
        finally { await page.CloseContextAsync(); }
    }

    private static async Task<(string Department, JsonElement Establishment)> FirstNotComputableAsync(HttpClient viewer)
    {
        foreach (var code in new[] { "31", "34", "30", "11", "66", "12", "81", "82", "46", "32", "65", "09", "48" })
        {
            var department = await viewer.GetJsonAsync($"/api/departments/{code}");
            foreach (var child in department.Children())
                if (child.GetProperty("bjml") is { ValueKind: JsonValueKind.Object } b && !b.GetProperty("computable").GetBoolean())
                    return (code, child);
        }
        throw new Xunit.Sdk.XunitException("The demo has no establishment whose BJML is not computable.");
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "critical" or "serious").ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v => $"{v.Id} ({v.Impact}): {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    private static int CountOf(string text, string word)
    {
        int count = 0, at = 0;
        while ((at = text.IndexOf(word, at, StringComparison.OrdinalIgnoreCase)) >= 0) { count++; at += word.Length; }
        return count;
    }
}
