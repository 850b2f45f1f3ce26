using BedCoord.Testing;

namespace BedCoord.Board.Tests;

/// <summary>
/// One headless Chromium per test run: Debian's /usr/bin/chromium, never a browser downloaded by Playwright.
/// Each test opens its own context (own storage, viewport, locale) on it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException(
                $"{ChromiumPath} is missing: the board tests need Debian's Chromium. Install it with `apt-get install chromium` " +
                "(test.sh does it through deploy/local/prerequisites.sh --browser). Playwright's own browser download is not used.");
        Assertions.SetDefaultExpectTimeout(10_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    /// <summary>A fresh page in a French-speaking context whose relative URLs go to <paramref name="baseUrl"/>.</summary>
    public async Task<IPage> NewPageAsync(Uri baseUrl, int width = 1600, int height = 1000, bool mobile = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = mobile,
            HasTouch = mobile,
            DeviceScaleFactor = 1,
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            ColorScheme = ColorScheme.Dark,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.Console += (_, m) => { if (m.Type is "error") Console.Error.WriteLine($"[browser] {m.Text} {m.Location}"); };
        page.PageError += (_, e) => Console.Error.WriteLine($"[browser page error] {e}");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

public static class PageExtensions
{
    /// <summary>Saves a PNG of what the page shows now into docs/screenshots of the repository.</summary>
    public static async Task ScreenshotToDocsAsync(this IPage page, string name, bool fullPage = false)
    {
        var dir = Path.Combine(RepoPaths.Root, "docs", "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name), FullPage = fullPage, Animations = ScreenshotAnimations.Disabled });
    }

    /// <summary>Closes the page's context (one per test).</summary>
    public static Task CloseContextAsync(this IPage page) => page.Context.CloseAsync();

    /// <summary>Waits until the page's live connection is up and its figures are marked live.</summary>
    public static async Task ExpectLiveAsync(this IPage page, float? timeout = null)
    {
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-live", "true", new() { Timeout = timeout ?? 30_000 });
        await Expect(page.GetByTestId("conn-banner")).ToBeHiddenAsync();
    }
}
