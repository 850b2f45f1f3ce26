using BedCoord.Persistence;
using BedCoord.Server.Api;
using BedCoord.Server.Settings;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace BedCoord.Server.Auth;

public static class AuthSetup
{
    /// <param name="settings">Read and checked by <see cref="StartupSettings"/>.</param>
    /// <param name="connectionString">Where the dev token key is kept when none is configured.</param>
    public static void AddBedCoordAuth(this WebApplicationBuilder builder, AuthSettings settings, string connectionString)
    {
        // Once, before the first request: the JWT handler needs the key when it is configured, below.
        if (settings.NeedsStoredKey) settings.UseStoredKey(DevSigningKeyStore.GetOrCreateAsync(connectionString).GetAwaiter().GetResult());
        builder.Services.AddSingleton<DevTokenIssuer>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            if (!string.IsNullOrEmpty(settings.Authority)) o.Authority = settings.Authority;
            o.Audience = settings.Audience;
            var validIssuers = new List<string>();
            if (settings.DevTokens) validIssuers.Add(AuthSettings.DevIssuer);
            if (!string.IsNullOrEmpty(settings.Authority)) validIssuers.Add(settings.Authority);
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuers = validIssuers,
                ValidateAudience = true,
                ValidAudience = settings.Audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(5),
                NameClaimType = ClaimNames.Subject,
                RoleClaimType = ClaimNames.Role,
                // Dev tokens are checked with our key; an OIDC issuer's keys come from its metadata.
                IssuerSigningKey = settings.DevTokens ? settings.DevSigningKey : null,
                ValidateIssuerSigningKey = true,
            };
            o.Events = new JwtBearerEvents
            {
                OnMessageReceived = ctx =>
                {
                    // Browsers cannot set headers on WebSockets: the hub takes the token from the query string.
                    var token = ctx.Request.Query["access_token"];
                    if (!string.IsNullOrEmpty(token) && ctx.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                        ctx.Token = token;
                    return Task.CompletedTask;
                },
                OnChallenge = async ctx =>
                {
                    ctx.HandleResponse();
                    var detail = ctx.AuthenticateFailure is SecurityTokenExpiredException
                        ? "Le jeton a expiré : reconnectez-vous."
                        : ctx.AuthenticateFailure is not null
                            ? "Le jeton n'est pas valide (signature, émetteur ou audience)."
                            : "Un jeton d'accès (Authorization: Bearer) est requis.";
                    await Problems.Write(ctx.HttpContext, StatusCodes.Status401Unauthorized, "Authentification requise", detail);
                },
                OnForbidden = ctx => Problems.Write(ctx.HttpContext, StatusCodes.Status403Forbidden, "Accès refusé",
                    "Votre rôle ne permet pas cette action."),
            };
        });
        builder.Services.AddAuthorization();
    }
}
