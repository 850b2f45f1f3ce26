using Microsoft.Extensions.Options;

namespace BedCoord.Server.Web;

/// <summary>
/// Hardened headers on every answer (pages, files, API, errors): CSP, nosniff, Referrer-Policy, framing, HSTS over
/// HTTPS, and no Server banner. Wired with builder.AddBedCoordSecurityHeaders() and app.UseBedCoordSecurityHeaders().
/// </summary>
public static class SecurityHeaders
{
    public static WebApplicationBuilder AddBedCoordSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SecurityHeadersOptions>(builder.Configuration.GetSection("Security"));
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        return builder;
    }

    /// <summary>First in the pipeline: the headers are set when the answer starts, so error pages carry them too.</summary>
    public static IApplicationBuilder UseBedCoordSecurityHeaders(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<SecurityHeadersOptions>>().Value;
        ContentSecurityPolicy.Validate(options);
        var hsts = $"max-age={(long)options.HstsMaxAgeDays * 86400}; includeSubDomains";
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Apply(context, options, hsts);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    internal static void Apply(HttpContext context, SecurityHeadersOptions options, string hsts)
    {
        var headers = context.Response.Headers;
        // TryAdd: an endpoint that states its own policy keeps it.
        headers.TryAdd("Content-Security-Policy", ContentSecurityPolicy.For(context.Request.Path.Value ?? "/", context.Request.Host.Value, options));
        headers.TryAdd("X-Content-Type-Options", "nosniff");
        headers.TryAdd("Referrer-Policy", options.ReferrerPolicy);
        headers.TryAdd("Cross-Origin-Opener-Policy", "same-origin");
        // The search page's "près de moi" asks for the position; nothing else needs a device.
        headers.TryAdd("Permissions-Policy", "geolocation=(self), camera=(), microphone=(), payment=(), usb=()");
        if (options.FrameAncestors.Count == 0) headers.TryAdd("X-Frame-Options", "DENY");
        if (context.Request.IsHttps) headers.TryAdd("Strict-Transport-Security", hsts);
    }
}
