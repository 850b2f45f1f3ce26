using BedCoord.Server.Web;
using Microsoft.AspNetCore.Http;

namespace BedCoord.Server.Tests;

/// <summary>The header policy's settings: framing for kiosk portals, per-path relaxations, HSTS over HTTPS only.</summary>
public sealed class SecurityHeadersPolicyTests
{
    private static IHeaderDictionary Answer(SecurityHeadersOptions options, string path, bool https = false)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.Host = new HostString("beds.example.fr");
        context.Request.Scheme = https ? "https" : "http";
        SecurityHeaders.Apply(context, options, "max-age=31536000; includeSubDomains");
        return context.Response.Headers;
    }

    [Fact]
    public void By_default_nothing_inline_nobody_frames_and_the_hub_is_reached_on_the_same_host()
    {
        var headers = Answer(new SecurityHeadersOptions(), "/board");
        var csp = headers.ContentSecurityPolicy.ToString();
        Assert.Equal("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; " +
                     "connect-src 'self' ws://beds.example.fr wss://beds.example.fr; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'", csp);
        Assert.Equal("DENY", headers.XFrameOptions.ToString());
        Assert.False(headers.ContainsKey("Strict-Transport-Security"));
    }

    [Fact]
    public void Kiosk_portals_listed_in_the_settings_may_frame_the_board()
    {
        var options = new SecurityHeadersOptions { FrameAncestors = ["'self'", "https://ecrans.ars-occitanie.fr"] };
        ContentSecurityPolicy.Validate(options);
        var headers = Answer(options, "/board");
        Assert.EndsWith("frame-ancestors 'self' https://ecrans.ars-occitanie.fr", headers.ContentSecurityPolicy.ToString());
        Assert.False(headers.ContainsKey("X-Frame-Options")); // it cannot name an origin list; CSP rules instead
    }

    [Theory]
    [InlineData("ecrans.ars-occitanie.fr")]
    [InlineData("https://ecrans.example.fr; script-src *")]
    [InlineData("*")]
    public void A_frame_ancestor_that_is_not_an_origin_stops_the_start(string origin) =>
        Assert.Throws<InvalidOperationException>(() => ContentSecurityPolicy.Validate(new SecurityHeadersOptions { FrameAncestors = [origin] }));

    [Fact]
    public void The_api_reference_page_gets_its_relaxed_policy_and_settings_can_relax_other_paths()
    {
        var options = new SecurityHeadersOptions();
        options.ContentSecurityPolicyByPath["/outils"] = "img-src 'self' data:";
        var docs = Answer(options, "/docs/api/scalar.js").ContentSecurityPolicy.ToString();
        Assert.Contains("script-src 'self' 'unsafe-inline'", docs);
        Assert.Contains("style-src 'self' 'unsafe-inline'", docs);
        Assert.Contains("frame-ancestors 'none'", docs); // what is not relaxed stays
        Assert.Contains("img-src 'self' data:", Answer(options, "/outils").ContentSecurityPolicy.ToString());
        // Segment-wise: /docs/apiary is not /docs/api, and the board keeps the strict policy.
        Assert.DoesNotContain("unsafe-inline", Answer(options, "/docs/apiary").ContentSecurityPolicy.ToString());
        Assert.DoesNotContain("unsafe-inline", Answer(options, "/board").ContentSecurityPolicy.ToString());
    }

    [Fact]
    public void Hsts_is_sent_over_https_only()
    {
        Assert.Equal("max-age=31536000; includeSubDomains", Answer(new SecurityHeadersOptions(), "/board", https: true).StrictTransportSecurity.ToString());
        Assert.False(Answer(new SecurityHeadersOptions(), "/board").ContainsKey("Strict-Transport-Security"));
    }

    [Fact]
    public void A_host_header_that_is_not_a_host_never_reaches_the_policy()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/board";
        context.Request.Host = new HostString("evil.example; script-src *");
        SecurityHeaders.Apply(context, new SecurityHeadersOptions(), "");
        Assert.Contains("connect-src 'self';", context.Response.Headers.ContentSecurityPolicy.ToString());
    }
}
