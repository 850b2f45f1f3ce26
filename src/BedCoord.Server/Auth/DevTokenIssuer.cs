using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BedCoord.Server.Auth;

/// <summary>Signs demo tokens with the configured key (only when Auth:DevTokens is on).</summary>
public sealed class DevTokenIssuer(AuthSettings settings, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public (string Token, DateTimeOffset ExpiresAt) Issue(string subject, string role, IEnumerable<string> establishments,
        IEnumerable<string> sectors, string? region, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new(ClaimNames.Subject, subject), new(ClaimNames.Role, role) };
        claims.AddRange(establishments.Select(e => new Claim(ClaimNames.Establishment, e)));
        claims.AddRange(sectors.Select(s => new Claim(ClaimNames.Sector, s)));
        if (!string.IsNullOrEmpty(region)) claims.Add(new Claim(ClaimNames.Region, region));

        var now = clock.GetUtcNow();
        var expires = now + lifetime;
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthSettings.DevIssuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(settings.DevSigningKey, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }
}
