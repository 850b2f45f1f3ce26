using BedCoord.Testing;

namespace BedCoord.Board.Tests;

/// <summary>
/// Hardened by default: every answer carries the headers, and no page of the product needs the policy relaxed
/// (Chromium reports no securitypolicyviolation, no console error, no failed request on any of them).
/// </summary>
[Collection(ReadOnlyDemoCollection.Name)]
public sealed class SecurityHeadersTests(ServerFixture fixture, BrowserFixture browser)
{
    private ServerProcess Server => fixture.Server;

    [Theory]
    [InlineData("/board", false)]
    [InlineData("/rapport/departement/09", false)]
    [InlineData("/api/regions/OCC", true)]
    [InlineData("/api/regions/NOPE", true)] // an error answer (problem+json) too
    public async Task Pages_and_api_answers_carry_the_hardened_headers(string path, bool api)
    {
        using var http = api ? await Server.ClientAsync("viewer") : new HttpClient { BaseAddress = Server.BaseAddress };
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("style-src 'self';", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains($"connect-src 'self' ws://{Server.BaseAddress.Authority} wss://{Server.BaseAddress.Authority};", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.False(response.Headers.Contains("Server"), "no Server banner");
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS only over HTTPS");
    }

    [Fact]
    public async Task No_page_breaks_the_content_security_policy_or_logs_an_error()
    {
        var failures = new List<string>();
        foreach (var stop in await PageTour.StopsAsync(Server))
        {
            var page = await browser.NewPageAsync(Server.BaseAddress);
            // Registered before any of the page's own scripts run (init scripts are not subject to the page's CSP).
            await page.AddInitScriptAsync("""
                window.__csp = [];
                document.addEventListener('securitypolicyviolation', e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
                """);
            var errors = new List<string>();
            page.Console += (_, m) => { if (m.Type == "error" && !AnsweredByTheApi(m)) errors.Add($"{m.Text} {m.Location}"); };
            page.PageError += (_, e) => errors.Add(e);
            page.Response += (_, r) => { if (r.Status >= 400 && !r.Url.Contains("/api/")) errors.Add($"{r.Status} {r.Url}"); };
            try
            {
                await stop.Open(page);
                var violations = await page.EvaluateAsync<string[]>("() => window.__csp");
                failures.AddRange(violations.Select(v => $"{stop.Name}: CSP {v}"));
                failures.AddRange(errors.Select(e => $"{stop.Name}: {e}"));
                // The favicons the page names are there (no 404 in any browser's tab).
                var icons = await page.EvaluateAsync<string[]>(
                    "() => Promise.all([...document.querySelectorAll('link[rel=icon]')].map(l => fetch(l.href).then(r => `${r.status} ${r.headers.get('content-type')}`)))");
                Assert.Equal(["200 image/x-icon", "200 image/svg+xml"], icons);
            }
            finally { await page.CloseContextAsync(); }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    // Chromium logs every 4xx fetch; an API's 4xx is an answer the page handles (the refused value it shows, a unit
    // without an outlook). A page file, a script, a style or an icon that fails is not.
    private static bool AnsweredByTheApi(IConsoleMessage m) => m.Text.StartsWith("Failed to load resource") && m.Location.Contains("/api/");

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";
}
