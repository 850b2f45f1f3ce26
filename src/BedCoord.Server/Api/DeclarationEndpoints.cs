using System.Text.Json;
using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Tension;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Server.OpenApi;
using BedCoord.Server.Auth;

namespace BedCoord.Server.Api;

/// <summary>Declared levels (plan blanc...): declare with a reason and an expiry, lift with a reason.</summary>
public static class DeclarationEndpoints
{
    public static RouteGroupBuilder MapDeclarationEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/{kind}/{id}/declarations", Declare).WithName("declareLevel").WithTags("Tension")
            .WithSummary("Declare a tension level on a scope (plan blanc...): answers the scope's summary")
            .AcceptsJson<DeclarationBody>(new { level = "crise", reason = "Plan blanc déclenché", expiresAt = "6h" })
            .Produces<BedCoord.Domain.Summaries.Summary>(StatusCodes.Status201Created).Refuses(400, 403, 404);
        api.MapDelete("/{kind}/{id}/declarations/current", Lift).WithName("liftDeclaration").WithTags("Tension")
            .WithSummary("Lift the current declaration; 404 when none is in force")
            .WithParameters(Param.Text("reason", "Why it is lifted (required, at most 500 characters)", "Fin du plan blanc", maxLength: 500, required: true))
            .Produces(StatusCodes.Status204NoContent).Refuses(400, 403, 404);
        return api;
    }

    private static async Task<IResult> Declare(string kind, string id, HttpContext http, TerritoryCatalogHolder territory,
        IGrainFactory grains, WriteGuard guard, TimeProvider clock)
    {
        var (body, error) = await guard.BeginAsync(http, WriteKind.Declaration, ScopeRoute.Find(territory, kind, id, out var scope), scope);
        if (error is not null) return error;
        using var _ = body;
        var errors = new FieldErrors();
        body!.RejectUnknown(["level", "reason", "expiresAt"], errors);
        DeclarationInput? input = null;
        try { input = body.Root.Deserialize<DeclarationInput>(JsonBody.Options); }
        catch (JsonException e) { errors.Add(JsonBody.FieldOf(e), "Valeur de type inattendu."); }
        var declaration = errors.IsEmpty ? DeclarationRules.Parse(input, http.User.SubjectName(), clock.GetUtcNow(), errors) : null;
        if (declaration is null) return Problems.Invalid(errors);

        var summary = await grains.Aggregate(scope).Declare(declaration);
        await guard.RecordAsync(http, "declaration.declare", scope, null, declaration);
        await http.RequestServices.GetRequiredService<Crisis.CrisisEvents>().DeclaredAsync(scope, declaration);
        return Results.Created($"/api/{kind}/{id}/declarations/current", summary);
    }

    private static async Task<IResult> Lift(string kind, string id, string? reason, HttpContext http, TerritoryCatalogHolder territory,
        IGrainFactory grains, WriteGuard guard)
    {
        if (ScopeRoute.Find(territory, kind, id, out var scope) is { } notFound) return notFound;
        if (guard.Authorize(http, WriteKind.Declaration, scope) is { } forbidden) return forbidden;
        var errors = new FieldErrors();
        var why = DeclarationRules.LiftReason(reason, errors);
        if (why is null) return Problems.Invalid(errors);

        var result = await grains.Aggregate(scope).Lift(http.User.SubjectName(), why);
        if (result.Lifted is null) return Problems.NotFound("Aucune déclaration en cours sur ce périmètre.");
        await guard.RecordAsync(http, "declaration.lift", scope, result.Lifted, new { reason = why });
        await http.RequestServices.GetRequiredService<Crisis.CrisisEvents>().LiftedAsync(scope, result.Lifted, http.User.SubjectName(), why);
        return Results.NoContent();
    }
}
