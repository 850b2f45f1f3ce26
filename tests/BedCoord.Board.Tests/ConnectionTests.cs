using System.Diagnostics;
using BedCoord.Testing;

namespace BedCoord.Board.Tests;

/// <summary>
/// A wall board must never show old figures as live: when the link drops the red banner shows, when it comes
/// back the board re-reads everything and follows the pushes again.
/// </summary>
public sealed class ConnectionTests(ServerFixture fixture, BrowserFixture browser) : IClassFixture<ServerFixture>
{
    private const string Gers = "32";
    private const string Finess = "320000086";
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task The_banner_shows_when_the_link_drops_and_the_figures_catch_up_when_it_returns()
    {
        await using var proxy = new TcpProxy(Server.BaseAddress);
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var page = await browser.NewPageAsync(proxy.BaseAddress);
        try
        {
            await page.GotoAsync($"/board/department/{Gers}");
            await page.ExpectLiveAsync();
            var banner = page.GetByTestId("conn-banner");
            var total = page.GetByTestId("scope-total-available");
            await Expect(total).ToHaveTextAsync(Shown.Number((await manager.GetJsonAsync($"/api/departments/{Gers}")).Available()));

            proxy.Cut();
            await Expect(banner).ToBeVisibleAsync(new() { Timeout = 5_000 });
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-live", "false");
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-conn", "lost");

            // A change made while the board is cut off ...
            var units = (await manager.GetJsonAsync($"/api/establishments/{Finess}")).Children().ToArray();
            var unit = units.First(u => u.BedsOf().Occupied > 1);
            await manager.PutBedsAsync(Finess, unit.Id(), unit.BedsOf() with { Occupied = 0 });
            var whileCut = (await manager.GetJsonAsync($"/api/departments/{Gers}")).Available();

            // ... is on screen once the link is back (the board re-reads after reconnecting).
            proxy.Restore();
            await page.ExpectLiveAsync(timeout: 20_000);
            await Expect(total).ToHaveTextAsync(Shown.Number(whileCut));

            // And pushes flow again.
            var other = units.First(u => u.Id() != unit.Id() && u.BedsOf().Occupied > 1);
            await manager.PutBedsAsync(Finess, other.Id(), other.BedsOf() with { Occupied = 1 });
            await Expect(total).ToHaveTextAsync(Shown.Number((await manager.GetJsonAsync($"/api/departments/{Gers}")).Available()));

            // The server itself going away (clean shutdown) shows the banner too, within 5 s.
            var watch = Stopwatch.StartNew();
            var stopping = Server.StopAsync();
            await Expect(banner).ToBeVisibleAsync(new() { Timeout = 5_000 });
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"banner after {watch.Elapsed}");
            await Expect(page.Locator("body")).ToHaveAttributeAsync("data-live", "false");
            await stopping;
        }
        finally { await page.CloseContextAsync(); }
    }
}
