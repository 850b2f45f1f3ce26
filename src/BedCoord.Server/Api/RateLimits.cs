using System.Threading.RateLimiting;
using BedCoord.Server.Auth;
using Microsoft.AspNetCore.RateLimiting;

namespace BedCoord.Server.Api;

/// <summary>The "RateLimit" section: how many API requests one caller may make.</summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimit";

    /// <summary>Sustained requests per second for one caller (a token's subject, or an address without one).</summary>
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Requests a caller may make at once before the sustained rate applies (a board's first load).</summary>
    public int Burst { get; set; } = 200;
}

/// <summary>
/// One token bucket per caller on /api: a client that floods the API is answered 429 at once (no queue, so
/// its backlog cannot slow anyone down) while every other caller keeps its own full rate. A bed manager
/// typing counts or a board loading a view stays far below the default.
/// </summary>
public static class RateLimits
{
    public static void AddBedCoordRateLimits(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        if (settings.PermitsPerSecond <= 0 || settings.Burst <= 0)
            throw new InvalidOperationException("RateLimit:PermitsPerSecond and RateLimit:Burst must be positive.");
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.Request.Path.StartsWithSegments("/api")
                    ? RateLimitPartition.GetTokenBucketLimiter(CallerKey(http), _ => Bucket(settings))
                    : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = (context, ct) => Reject(context.HttpContext, context.Lease, settings, ct);
        });
    }

    private static TokenBucketRateLimiterOptions Bucket(RateLimitSettings settings) => new()
    {
        TokenLimit = settings.Burst,
        TokensPerPeriod = settings.PermitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string CallerKey(HttpContext http) =>
        http.User.FindFirst(ClaimNames.Subject)?.Value is { Length: > 0 } sub
            ? "sub:" + sub
            : "ip:" + http.Connection.RemoteIpAddress;

    private static async ValueTask Reject(HttpContext http, RateLimitLease lease, RateLimitSettings settings, CancellationToken ct)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
        http.Response.Headers.RetryAfter = retryAfter.ToString();
        await Problems.Write(http, StatusCodes.Status429TooManyRequests, "Trop de requêtes",
            $"Plus de {settings.PermitsPerSecond} requêtes par seconde pour ce compte : rien n'a été fait, réessayez dans {retryAfter} s.");
    }
}
