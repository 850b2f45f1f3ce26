namespace BedCoord.Server.Web;

/// <summary>
/// Settings under "Security" (appsettings or --Security:...=...). The defaults are the strict ones: a page is
/// only ever made of our own files, talks only to its own host, and no other site may frame it.
/// </summary>
public sealed class SecurityHeadersOptions
{
    /// <summary>
    /// Origins allowed to embed the pages in a frame (a kiosk screen's portal, e.g. "https://ecrans.ars-occitanie.fr").
    /// Empty: nobody ('none'), and X-Frame-Options: DENY for older browsers.
    /// </summary>
    public List<string> FrameAncestors { get; set; } = [];

    public string ReferrerPolicy { get; set; } = "same-origin";

    /// <summary>Sent only on HTTPS answers: a browser ignores it over HTTP, and localhost must stay usable in HTTP.</summary>
    public int HstsMaxAgeDays { get; set; } = 365;

    /// <summary>
    /// Per-path relaxations: path prefix -> directives that replace the default policy's directives of the same name
    /// (e.g. "/docs/api": "script-src 'self' 'unsafe-inline'"). Entries given in settings add to or replace the built-in ones.
    /// </summary>
    public Dictionary<string, string> ContentSecurityPolicyByPath { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The API reference page (Scalar) is a single-page app that writes its own inline configuration script and
    /// injects its styles at run time: it gets inline script and style, still from our origin only.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> BuiltInRelaxations = new Dictionary<string, string>
    {
        ["/docs/api"] = "script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:",
    };
}
