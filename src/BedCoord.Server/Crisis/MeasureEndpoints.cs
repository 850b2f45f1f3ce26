using System.Text.Json;
using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Crisis;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.Crisis;
using BedCoord.Server.Api;
using BedCoord.Server.Auth;
using BedCoord.Server.OpenApi;

namespace BedCoord.Server.Crisis;

/// <summary>Graduated measures: the checklists opened on a scope and the templates they come from.</summary>
public static class MeasureEndpoints
{
    public static RouteGroupBuilder MapMeasureEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/{kind}/{id}/measures", List).WithName("listMeasures").WithTags("Crisis cell")
            .WithSummary("Measures opened on a scope (subtree=true: and below; open=true: planned or engaged only), newest first")
            .Produces<MeasureView[]>(200).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        api.MapPatch("/{kind}/{id}/measures/{measureId}", Patch).WithName("updateMeasure").WithTags("Crisis cell")
            .WithSummary("Move a measure (planned → engaged → done / lifted / not-applicable), set its owner or due time")
            .AcceptsJson<MeasurePatchBody>(new { status = "engaged", owner = "Cadre de santé de garde", dueAt = "2030-01-01T18:00:00+01:00" }).Produces<MeasureView>(200)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(415);
        api.MapGet("/{kind}/{id}/measure-templates", Templates).WithName("getMeasureTemplates").WithTags("Crisis cell")
            .WithSummary("The scope's checklist templates per trigger (the shipped default, to adapt, until the scope edits them)")
            .Produces<TemplateSet>(200).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        api.MapPut("/{kind}/{id}/measure-templates", PutTemplates).WithName("putMeasureTemplates").WithTags("Crisis cell")
            .WithSummary("Replace the scope's templates for the triggers given (audited)")
            .AcceptsJson<TemplatesBody>(new { templates = new[] { new { trigger = "pmi", measures = new[] { new { code = "recensement", title = "Recenser les lits disponibles et les sorties anticipées", category = "capacity", dueAfterMinutes = 120 } } } } }).Produces<TemplateSet>(200)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(415);
        return api;
    }

    private static async Task<IResult> List(string kind, string id, string? open, string? subtree, HttpContext http, TerritoryCatalogHolder territory,
        MeasureStore store, TimeProvider clock)
    {
        if (CellAccess.Read(http, territory, kind, id, out var scope) is { } denied) return denied;
        var errors = new FieldErrors();
        var openOnly = QueryValues.Flag("open", open, errors);
        var below = QueryValues.Flag("subtree", subtree, errors);
        if (!errors.IsEmpty) return Problems.Invalid(errors);
        var measures = await store.ListAsync(CellAccess.PathOf(territory, scope), openOnly, below, http.RequestAborted);
        var now = clock.GetUtcNow();
        return Results.Ok(measures.Select(m => MeasureView.Of(m, territory.Current.NameOf(new ScopeRef(m.Scope, m.ScopeId)) ?? m.ScopeId, now)));
    }

    private static async Task<IResult> Patch(string kind, string id, string measureId, HttpContext http, TerritoryCatalogHolder territory,
        WriteGuard guard, MeasureService measures, TimeProvider clock)
    {
        var (body, error) = await guard.BeginAsync(http, WriteKind.Declaration, ScopeRoute.Find(territory, kind, id, out var scope), scope);
        if (error is not null) return error;
        using var _ = body;
        var errors = new FieldErrors();
        body!.RejectUnknown(["status", "owner", "dueAt"], errors);
        MeasurePatchBody? input = null;
        try { input = body.Root.Deserialize<MeasurePatchBody>(JsonBody.Options); }
        catch (JsonException e) { errors.Add(JsonBody.FieldOf(e), JsonBody.FieldOf(e) == "dueAt" ? "dueAt doit être une date ISO 8601." : "Valeur de type inattendu."); }
        if (!errors.IsEmpty) return Problems.Invalid(errors);
        var patch = new MeasurePatch(input!.Status, input.Owner, input.DueAt, body.Root.TryGetProperty("owner", out var _o), body.Root.TryGetProperty("dueAt", out var _d));
        var by = http.User.ToCaller().Subject;
        var result = await measures.PatchAsync(scope, measureId, patch, by, errors);
        if (result is null) return Problems.NotFound($"Aucune mesure « {(measureId.Length <= 40 ? measureId : measureId[..40])} » sur ce périmètre.");
        if (result.Value.After is not { } after) return Problems.Invalid(errors);
        await guard.RecordAsync(http, "measure.update", scope, result.Value.Before, after);
        return Results.Ok(MeasureView.Of(after, territory.Current.NameOf(scope) ?? scope.Id, clock.GetUtcNow()));
    }

    private static async Task<IResult> Templates(string kind, string id, HttpContext http, TerritoryCatalogHolder territory, MeasureService measures)
    {
        if (CellAccess.Read(http, territory, kind, id, out var scope) is { } denied) return denied;
        return Results.Ok(await measures.TemplatesAsync(scope));
    }

    private static async Task<IResult> PutTemplates(string kind, string id, HttpContext http, TerritoryCatalogHolder territory, WriteGuard guard,
        MeasureService measures, MeasureStore store, TimeProvider clock)
    {
        var (body, error) = await guard.BeginAsync(http, WriteKind.Declaration, ScopeRoute.Find(territory, kind, id, out var scope), scope);
        if (error is not null) return error;
        using var _ = body;
        var errors = new FieldErrors();
        body!.RejectUnknown(["templates"], errors);
        TemplatesBody? input = null;
        try { input = body.Root.Deserialize<TemplatesBody>(JsonBody.Options); }
        catch (JsonException e) { errors.Add(JsonBody.FieldOf(e), "Valeur de type inattendu."); }
        var templates = errors.IsEmpty ? TemplateRules.Validate(input?.Templates, errors) : null;
        if (templates is null) return Problems.Invalid(errors);

        var before = await measures.TemplatesAsync(scope);
        var kept = before.IsDefault ? [] : before.Templates.Where(t => templates.All(n => n.Trigger != t.Trigger));
        var by = http.User.ToCaller().Subject;
        await store.SaveTemplatesAsync(scope, kept.Concat(templates).ToList(), by, clock.GetUtcNow(), http.RequestAborted);
        var after = await measures.TemplatesAsync(scope);
        await guard.RecordAsync(http, "measure-templates.put", scope, before.IsDefault ? null : before.Templates, templates);
        return Results.Ok(after);
    }
}
