using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace BedCoord.Server.Web;

/// <summary>
/// Brotli (else gzip) for pages, scripts, styles, JSON, problem+json, SVG and GeoJSON. The hub's WebSocket frames
/// are not HTTP answers and pass untouched; the SSE/long-polling fallbacks (text/event-stream) are not listed.
/// </summary>
public static class Compression
{
    public static readonly string[] MimeTypes =
    [
        "text/html", "text/css", "text/javascript", "application/javascript", "text/plain", "text/markdown",
        "application/json", "application/problem+json", "application/geo+json", "image/svg+xml", "image/x-icon",
    ];

    public static WebApplicationBuilder AddBedCoordCompression(this WebApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(o =>
        {
            // Secrets never travel in a body next to text an attacker chose (tokens are headers; the dev token
            // endpoint exists in demo mode only), so BREACH has nothing to recover over HTTPS.
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = MimeTypes;
        });
        // Fastest: the JSON answers are compressed on every request; level 1 already takes most of the gain.
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.AddSingleton<AssetVersion>();
        builder.Services.AddOptions<StaticFileOptions>().Configure<IWebHostEnvironment, AssetVersion>(VersionedAssets.Configure);
        return builder;
    }

    /// <summary>Before the static files: compresses what they and the endpoints answer; serves the versioned asset URLs.</summary>
    public static IApplicationBuilder UseBedCoordCompression(this IApplicationBuilder app)
    {
        app.UseResponseCompression();
        return app.UseVersionedAssets();
    }
}
