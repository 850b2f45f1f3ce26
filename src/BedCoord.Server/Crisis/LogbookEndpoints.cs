using System.Text.Json;
using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Crisis;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.Crisis;
using BedCoord.Server.Api;
using BedCoord.Server.Auth;
using BedCoord.Server.OpenApi;

namespace BedCoord.Server.Crisis;

/// <summary>The main courante of a scope (api-v1 § Crisis cell): append, read, verify; never change nor delete.</summary>
public static class LogbookEndpoints
{
    private static readonly string[] Fields = ["kind", "text", "source", "eventAt", "check", "corrects"];

    public static RouteGroupBuilder MapLogbookEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/{kind}/{id}/logbook", Append).WithName("appendLogbookEntry").WithTags("Crisis cell")
            .WithSummary("Append an entry to a scope's main courante (hash-chained, append-only)")
            .WithDescription("kind: info-in | info-out | decision | action | point. A correction is a new entry naming the entry it corrects (same scope).")
            .AcceptsJson<LogbookInput>(new { kind = "info-in", text = "Le SAMU annonce 4 patients à orienter dans l'heure.", source = "SAMU 31", eventAt = "2026-12-07T09:40:00+01:00", check = "to-verify", corrects = (string?)null }).Produces<LogbookEntry>(201)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(415);
        api.MapGet("/{kind}/{id}/logbook", List).WithName("listLogbook").WithTags("Crisis cell")
            .WithSummary("Entries of a scope's main courante, oldest first (the latest `limit` unless `since` is given)")
            .Produces<LogbookEntry[]>(200).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        api.MapGet("/{kind}/{id}/logbook/verify", Verify).WithName("verifyLogbook").WithTags("Crisis cell")
            .WithSummary("Recompute the scope's hash chain; names the first entry that does not match")
            .Produces<ChainVerification>(200).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        api.MapGet("/{kind}/{id}/logbook/{entryId}", Get).WithName("getLogbookEntry").WithTags("Crisis cell")
            .WithSummary("One entry of a scope's main courante")
            .Produces<LogbookEntry>(200).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        api.MapMethods("/{kind}/{id}/logbook/{entryId}", ["PUT", "PATCH", "DELETE"], NotAllowed).WithName("changeLogbookEntry").WithTags("Crisis cell")
            .WithSummary("Refused (405): the main courante is append-only; a correction is a new entry with `corrects`")
            // Not an operation a client can use: the contract lists what exists; docs/API.md states the 405.
            .ExcludeFromDescription();
        return api;
    }

    private static async Task<IResult> Append(string kind, string id, HttpContext http, TerritoryCatalogHolder territory, WriteGuard guard,
        CrisisJournal journal, TimeProvider clock)
    {
        var (body, error) = await guard.BeginAsync(http, WriteKind.Declaration, ScopeRoute.Find(territory, kind, id, out var scope), scope);
        if (error is not null) return error;
        using var _ = body;
        var errors = new FieldErrors();
        body!.RejectUnknown(Fields, errors);
        LogbookInput? input = null;
        try { input = body.Root.Deserialize<LogbookInput>(JsonBody.Options); }
        catch (JsonException e) { errors.Add(JsonBody.FieldOf(e), "Valeur de type inattendu."); }
        var caller = http.User.ToCaller();
        var draft = errors.IsEmpty ? LogbookRules.Validate(scope, input!, caller.Subject, caller.Role, clock.GetUtcNow(), errors) : null;
        if (draft is null) return Problems.Invalid(errors);

        var (outcome, entry) = await journal.AppendAsync(draft);
        if (outcome == LogbookStore.AppendOutcome.UnknownCorrection)
            return Problems.Invalid("corrects", $"L'entrée « {draft.Corrects} » n'existe pas dans la main courante de ce périmètre : on ne corrige qu'une entrée du même périmètre.");
        await guard.RecordAsync(http, "logbook.append", scope, null, new { entry!.Id, entry.Seq, entry.Kind, entry.Corrects, entry.Hash });
        return Results.Created($"/api/{kind}/{id}/logbook/{entry.Id}", entry);
    }

    private static async Task<IResult> List(string kind, string id, string? since, string? until, string? limit, HttpContext http,
        TerritoryCatalogHolder territory, LogbookStore store)
    {
        if (CellAccess.Read(http, territory, kind, id, out var scope) is { } denied) return denied;
        var errors = new FieldErrors();
        var from = QueryValues.Time("since", since, errors);
        var to = QueryValues.Time("until", until, errors);
        var max = QueryValues.Int("limit", limit, 200, 1, 5000, errors);
        if (errors.IsEmpty && from > to) errors.Add("until", "until doit suivre since.");
        if (!errors.IsEmpty) return Problems.Invalid(errors);
        return Results.Ok(await store.ListAsync(scope, from, to, max, http.RequestAborted));
    }

    private static async Task<IResult> Verify(string kind, string id, HttpContext http, TerritoryCatalogHolder territory, LogbookStore store)
    {
        if (CellAccess.Read(http, territory, kind, id, out var scope) is { } denied) return denied;
        return Results.Ok(await store.VerifyAsync(scope, http.RequestAborted));
    }

    private static async Task<IResult> Get(string kind, string id, string entryId, HttpContext http, TerritoryCatalogHolder territory, LogbookStore store)
    {
        if (CellAccess.Read(http, territory, kind, id, out var scope) is { } denied) return denied;
        return await store.GetAsync(scope, entryId, http.RequestAborted) is { } entry
            ? Results.Ok(entry)
            : Problems.NotFound($"Aucune entrée « {(entryId.Length <= 40 ? entryId : entryId[..40])} » dans cette main courante.");
    }

    private static IResult NotAllowed(HttpContext http)
    {
        http.Response.Headers.Allow = "GET";
        return Results.Problem(statusCode: StatusCodes.Status405MethodNotAllowed, title: "Main courante en ajout seul",
            detail: "Une entrée de main courante ne se modifie ni ne se supprime : ajoutez une entrée de correction qui la cite (champ corrects).");
    }
}
