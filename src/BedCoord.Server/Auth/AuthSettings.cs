using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace BedCoord.Server.Auth;

/// <summary>The "Auth" configuration section.</summary>
public sealed class AuthSettings
{
    public const string Section = "Auth";
    public const string DevIssuer = "bedcoord-dev";

    /// <summary>Issue tokens ourselves at POST /api/dev/token. Demo and development only.</summary>
    public bool DevTokens { get; set; }

    /// <summary>Key of dev tokens; every silo of a cluster needs the same one. Random per process when empty.</summary>
    public string? SigningKey { get; set; }

    /// <summary>OpenID Connect issuer whose tokens production accepts.</summary>
    public string? Authority { get; set; }
    public string Audience { get; set; } = "bedcoord";

    private SymmetricSecurityKey? _key;

    public SymmetricSecurityKey DevSigningKey => _key ??= new SymmetricSecurityKey(
        string.IsNullOrEmpty(SigningKey) ? RandomNumberGenerator.GetBytes(32) : SHA256.HashData(Encoding.UTF8.GetBytes(SigningKey)));
}
