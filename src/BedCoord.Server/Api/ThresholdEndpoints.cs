using System.Text.Json;
using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Tension;
using BedCoord.Grains.Territory;
using BedCoord.Server.OpenApi;

namespace BedCoord.Server.Api;

/// <summary>Rule sets with inheritance (api-v1 thresholds): read where the effective set comes from, set, or inherit again.</summary>
public static class ThresholdEndpoints
{
    public static RouteGroupBuilder MapThresholdEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/{kind}/{id}/thresholds", Get).WithName("getThresholds").WithTags("Tension")
            .WithSummary("The effective rule set of a scope and the scope it comes from")
            .Produces<ThresholdsAnswer>().Refuses(404);
        api.MapPut("/{kind}/{id}/thresholds", Put).WithName("setThresholds").WithTags("Tension")
            .WithSummary("Set a scope's own rule set")
            .AcceptsJson<RuleSetBody>(new
            {
                staleAfter = "12:00:00",
                rules = new[] { new { indicator = "occupancyRate:MCO", direction = "above", thresholds = new[] { 0.90, 0.95, 1.00 }, hysteresis = 0.02 } },
            })
            .Produces<RuleSet>().Refuses(400, 403, 404);
        api.MapDelete("/{kind}/{id}/thresholds", Delete).WithName("removeThresholds").WithTags("Tension")
            .WithSummary("Remove a scope's own rule set: it inherits again; 404 when the scope has none of its own")
            .Produces(StatusCodes.Status204NoContent).Refuses(403, 404);
        return api;
    }

    private static async Task<IResult> Get(string kind, string id, TerritoryCatalogHolder territory, RuleBookHolder rules, IGrainFactory grains)
    {
        if (ScopeRoute.Find(territory, kind, id, out var scope) is { } notFound) return notFound;
        await rules.RefreshAsync(grains);
        var (effective, from) = rules.Current.Effective(scope, territory.Current);
        return Results.Ok(new ThresholdsAnswer(effective, new ScopeIdAnswer(from.Kind.Name(), from.Id),
            from == scope && rules.Current.Own(scope) is not null));
    }

    private static async Task<IResult> Put(string kind, string id, HttpContext http, TerritoryCatalogHolder territory,
        IGrainFactory grains, WriteGuard guard)
    {
        var (body, error) = await guard.BeginAsync(http, WriteKind.RuleSet, ScopeRoute.Find(territory, kind, id, out var scope), scope);
        if (error is not null) return error;
        using var _ = body;
        var errors = new FieldErrors();
        body!.RejectUnknown(["staleAfter", "rules"], errors);
        RuleSetInput? input = null;
        try { input = body.Root.Deserialize<RuleSetInput>(JsonBody.Options); }
        catch (JsonException e) { errors.Add(JsonBody.FieldOf(e), "Valeur de type inattendu."); }
        var rules = errors.IsEmpty ? RuleSetValidator.Validate(input, errors) : null;
        if (rules is null) return Problems.Invalid(errors);

        var before = (await grains.GetGrain<IRuleBookGrain>("default").Get()).Own(scope);
        var book = await grains.GetGrain<IRuleBookGrain>("default").Set(scope, rules);
        Reevaluate(grains, territory.Current, scope, book.Version);
        await guard.RecordAsync(http, "thresholds.set", scope, before, rules);
        return Results.Ok(rules);
    }

    private static async Task<IResult> Delete(string kind, string id, HttpContext http, TerritoryCatalogHolder territory,
        IGrainFactory grains, WriteGuard guard)
    {
        if (ScopeRoute.Find(territory, kind, id, out var scope) is { } notFound) return notFound;
        if (guard.Authorize(http, WriteKind.RuleSet, scope) is { } forbidden) return forbidden;
        var before = (await grains.GetGrain<IRuleBookGrain>("default").Get()).Own(scope);
        // Nothing to remove is not a change: no audit row, and the caller learns the scope already inherits.
        if (before is null) return Problems.NotFound("Ce périmètre n'a pas de règles propres : il hérite déjà de celles de son parent.");
        var book = await grains.GetGrain<IRuleBookGrain>("default").Set(scope, null);
        Reevaluate(grains, territory.Current, scope, book.Version);
        await guard.RecordAsync(http, "thresholds.remove", scope, before, null);
        return Results.NoContent();
    }

    // Every aggregate under the scope may now follow other rules.
    private static void Reevaluate(IGrainFactory grains, TerritoryCatalog catalog, ScopeRef scope, long version)
    {
        foreach (var s in TensionClockGrain.Aggregates(catalog, scope)) grains.Aggregate(s).Reevaluate(version).Ignore();
    }
}
