using System.Text.Json;
using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Tension;
using BedCoord.Grains.Territory;

namespace BedCoord.Server.Api;

/// <summary>Rule sets with inheritance (api-v1 thresholds): read where the effective set comes from, set, or inherit again.</summary>
public static class ThresholdEndpoints
{
    public static RouteGroupBuilder MapThresholdEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/{kind}/{id}/thresholds", Get).WithSummary("The effective rule set of a scope and the scope it comes from");
        api.MapPut("/{kind}/{id}/thresholds", Put).WithSummary("Set a scope's own rule set");
        api.MapDelete("/{kind}/{id}/thresholds", Delete).WithSummary("Remove a scope's own rule set: it inherits again");
        return api;
    }

    private static async Task<IResult> Get(string kind, string id, TerritoryCatalogHolder territory, RuleBookHolder rules, IGrainFactory grains)
    {
        if (ScopeRoute.Find(territory, kind, id, out var scope) is { } notFound) return notFound;
        await rules.RefreshAsync(grains);
        var (effective, from) = rules.Current.Effective(scope, territory.Current);
        return Results.Ok(new
        {
            effective,
            inheritedFrom = new { kind = from.Kind.Name(), id = from.Id },
            own = from == scope && rules.Current.Own(scope) is not null,
        });
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
