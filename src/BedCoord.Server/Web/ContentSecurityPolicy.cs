using System.Text.RegularExpressions;

namespace BedCoord.Server.Web;

/// <summary>
/// The Content-Security-Policy of one answer: our own origin only, no inline script or style, the hub's WebSocket
/// on the same host, framing as configured; a path listed in the settings replaces some directives.
/// </summary>
public static partial class ContentSecurityPolicy
{
    public static string For(string path, string? host, SecurityHeadersOptions options)
    {
        var directives = new List<KeyValuePair<string, string>>
        {
            new("default-src", "'self'"),
            new("script-src", "'self'"),
            new("style-src", "'self'"),
            new("img-src", "'self'"),
            new("font-src", "'self'"),
            new("connect-src", ConnectSources(host)),
            new("object-src", "'none'"),
            new("base-uri", "'none'"),
            new("form-action", "'self'"),
            new("frame-ancestors", options.FrameAncestors.Count == 0 ? "'none'" : string.Join(' ', options.FrameAncestors)),
        };
        if (Relaxation(path, options) is { } relaxed)
            foreach (var part in relaxed.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var space = part.IndexOf(' ');
                var name = (space < 0 ? part : part[..space]).ToLowerInvariant();
                var value = space < 0 ? "" : part[(space + 1)..].Trim();
                var at = directives.FindIndex(d => d.Key == name);
                if (at >= 0) directives[at] = new(name, value);
                else directives.Add(new(name, value));
            }
        return string.Join("; ", directives.Select(d => d.Value.Length == 0 ? d.Key : $"{d.Key} {d.Value}"));
    }

    // 'self' covers ws/wss of the same host in CSP 3 browsers only: the hub's WebSocket is named for the others.
    private static string ConnectSources(string? host) =>
        host is { Length: > 0 } && HostPattern().IsMatch(host) ? $"'self' ws://{host} wss://{host}" : "'self'";

    /// <summary>The longest configured path prefix that holds <paramref name="path"/> (segment-wise: /docs/api, /docs/api/...).</summary>
    private static string? Relaxation(string path, SecurityHeadersOptions options)
    {
        string? best = null, found = null;
        foreach (var (prefix, value) in SecurityHeadersOptions.BuiltInRelaxations.Concat(options.ContentSecurityPolicyByPath))
        {
            var p = prefix.TrimEnd('/');
            var matches = path.Equals(p, StringComparison.OrdinalIgnoreCase) || path.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase);
            // Settings come after the built-in entries: at equal length they win.
            if (matches && (best is null || p.Length >= best.Length)) { best = p; found = value; }
        }
        return found;
    }

    /// <summary>Checks the configured frame ancestors at start-up: a typo must not silently open or close framing.</summary>
    public static void Validate(SecurityHeadersOptions options)
    {
        foreach (var origin in options.FrameAncestors)
            if (!OriginPattern().IsMatch(origin))
                throw new InvalidOperationException(
                    $"Security:FrameAncestors: « {origin} » is not an origin (scheme://host[:port], e.g. https://ecrans.example.fr, or 'self').");
    }

    [GeneratedRegex(@"^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$")]
    private static partial Regex HostPattern();

    [GeneratedRegex(@"^('self'|https?://(\*\.)?[A-Za-z0-9.\-]+(:\d{1,5})?)$")]
    private static partial Regex OriginPattern();
}
