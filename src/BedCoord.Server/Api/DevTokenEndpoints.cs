using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Territory;
using BedCoord.Server.Auth;
using BedCoord.Server.OpenApi;

namespace BedCoord.Server.Api;

/// <summary>POST /api/dev/token: demo tokens, mapped only when Auth:DevTokens is on.</summary>
public static class DevTokenEndpoints
{
    public static void MapDevTokenEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/dev/token", async (HttpContext http, DevTokenIssuer issuer) =>
        {
            var (body, error) = await JsonBody.ReadAsync(http.Request);
            if (error is not null) return error;
            using var _ = body;
            var errors = new FieldErrors();
            body!.RejectUnknown(["sub", "role", "establishments", "sectors", "region", "lifetimeSeconds"], errors);
            var sub = body.String("sub", errors, 100, required: true);
            var role = body.String("role", errors, 30, required: true);
            if (role is not null && !Roles.IsKnown(role)) errors.Add("role", $"Rôle inconnu « {role} » (attendus : {string.Join(", ", Roles.All)}).");
            var establishments = StringList(body, "establishments", Identifiers.IsFiness, "un FINESS de 9 caractères", errors);
            var sectors = StringList(body, "sectors", Identifiers.IsCode, "un code de secteur (ex. NORD)", errors);
            var region = body.String("region", errors, 20);
            var lifetime = body.Int("lifetimeSeconds", errors, required: false) ?? 3600;
            if (lifetime is < 10 or > 86_400) errors.Add("lifetimeSeconds", "La durée de vie doit être comprise entre 10 et 86400 secondes.");
            if (!errors.IsEmpty) return Problems.Invalid(errors);

            var (token, expiresAt) = issuer.Issue(sub!, role!, establishments, sectors, region, TimeSpan.FromSeconds(lifetime));
            return Results.Ok(new DevTokenAnswer(token, expiresAt));
        }).AllowAnonymous().WithName("issueDevToken").WithTags("Operations")
            .WithSummary("Demo only (Auth:DevTokens): issue a signed token for any role")
            .AcceptsJson<DevTokenBody>(new { sub = "alice", role = "bed-manager", establishments = new[] { "120000039" }, lifetimeSeconds = 3600 })
            .Produces<DevTokenAnswer>().Refuses(400);
    }

    private static List<string> StringList(JsonBody body, string name, Func<string?, bool> valid, string expected, FieldErrors errors)
    {
        var list = new List<string>();
        if (!body.Root.TryGetProperty(name, out var value) || value.ValueKind == System.Text.Json.JsonValueKind.Null) return list;
        if (value.ValueKind != System.Text.Json.JsonValueKind.Array) { errors.Add(name, $"Le champ {name} doit être un tableau."); return list; }
        foreach (var item in value.EnumerateArray())
        {
            var s = item.ValueKind == System.Text.Json.JsonValueKind.String ? item.GetString() : null;
            if (!valid(s)) { errors.Add(name, $"Chaque élément de {name} doit être {expected}."); return list; }
            list.Add(s!);
        }
        if (list.Count > 200) errors.Add(name, $"Au plus 200 éléments dans {name}.");
        return list;
    }
}
