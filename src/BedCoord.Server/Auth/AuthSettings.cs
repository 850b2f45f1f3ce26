using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace BedCoord.Server.Auth;

/// <summary>The "Auth" configuration section.</summary>
public sealed class AuthSettings : IValidatableObject
{
    public const string Section = "Auth";
    public const string DevIssuer = "bedcoord-dev";

    /// <summary>Issue tokens ourselves at POST /api/dev/token. Demo and development only.</summary>
    public bool DevTokens { get; set; }

    /// <summary>
    /// Passphrase of dev tokens' key. When empty, a random key is created once and kept in the database
    /// (bedcoord_dev_signing_key), so tokens survive restarts and every silo of a cluster accepts them.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>OpenID Connect issuer whose tokens production accepts.</summary>
    public string? Authority { get; set; }
    [Required(AllowEmptyStrings = false, ErrorMessage = "an audience is required (default bedcoord)")]
    public string Audience { get; set; } = "bedcoord";

    private SymmetricSecurityKey? _key;
    private byte[]? _storedKey;

    /// <summary>The key kept in the database, used when no <see cref="SigningKey"/> is configured.</summary>
    public bool NeedsStoredKey => DevTokens && string.IsNullOrEmpty(SigningKey);

    public void UseStoredKey(byte[] key) => _storedKey = key;

    public SymmetricSecurityKey DevSigningKey => _key ??= new SymmetricSecurityKey(
        !string.IsNullOrEmpty(SigningKey) ? SHA256.HashData(Encoding.UTF8.GetBytes(SigningKey))
        : _storedKey ?? throw new InvalidOperationException("The dev token key was not loaded from the database."));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(SigningKey) && SigningKey.Length < 16)
            yield return new ValidationResult("at least 16 characters, or leave it empty for a key kept in the database", [nameof(SigningKey)]);
    }
}
