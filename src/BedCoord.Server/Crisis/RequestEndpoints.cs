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

/// <summary>Reinforcement and transfer requests: an establishment asks its territorial cell, the cell takes and answers.</summary>
public static class RequestEndpoints
{
    public sealed record MoveBody(string? Status, string? Answer);

    public static RouteGroupBuilder MapRequestEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/establishments/{finess}/requests", Create).WithName("createReinforcementRequest").WithTags("Crisis cell")
            .WithSummary("An establishment asks its territorial cell (its département) for staff, beds, a transfer of N patients or equipment")
            .AcceptsJson<RequestInput>(new { kind = "transfer", urgency = "urgent", text = "Transfert de 3 patients de médecine vers un établissement du département", count = 3, category = "MED" }).Produces<ReinforcementRequest>(201)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(415);
        api.MapGet("/{kind}/{id}/requests", List).WithName("listReinforcementRequests").WithTags("Crisis cell")
            .WithSummary("Requests from the scope and below, newest first (open=true: open or taken only)")
            .Produces<ReinforcementRequest[]>(200).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        api.MapPatch("/{kind}/{id}/requests/{requestId}", Move).WithName("updateReinforcementRequest").WithTags("Crisis cell")
            .WithSummary("A territorial cell above the establishment takes, satisfies or refuses a request")
            .AcceptsJson<MoveBody>(new { status = "taken", answer = "Pris en charge par la cellule départementale" }).Produces<ReinforcementRequest>(200)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(415);
        return api;
    }

    private static async Task<IResult> Create(string finess, HttpContext http, TerritoryCatalogHolder territory, WriteGuard guard,
        RequestStore store, CrisisJournal journal, CrisisNotifier notifier, TimeProvider clock)
    {
        var (body, error) = await guard.BeginAsync(http, WriteKind.Declaration, ScopeRoute.Find(territory, "establishments", finess, out var scope), scope);
        if (error is not null) return error;
        using var _ = body;
        var errors = new FieldErrors();
        body!.RejectUnknown(["kind", "urgency", "text", "count", "category"], errors);
        RequestInput? input = null;
        try { input = body.Root.Deserialize<RequestInput>(JsonBody.Options); }
        catch (JsonException e) { errors.Add(JsonBody.FieldOf(e), "Valeur de type inattendu."); }
        input = errors.IsEmpty ? RequestRules.Validate(input, errors) : null;
        if (input is null) return Problems.Invalid(errors);

        var department = territory.Current.ParentOf(scope)!.Value;
        var by = http.User.ToCaller().Subject;
        var request = new ReinforcementRequest(Guid.CreateVersion7().ToString(), finess, department.Id, input.Kind!, input.Urgency!, input.Text!,
            input.Count, input.Category?.ToUpperInvariant(), RequestRules.Open, clock.GetUtcNow(), by, null, null, null, null, null);
        await store.InsertAsync(request, CellAccess.PathOf(territory, scope), http.RequestAborted);
        await guard.RecordAsync(http, "request.open", scope, null, request);
        var text = $"Demande ({RequestRules.KindLabel(request.Kind)}{Count(request)}, urgence {request.Urgency}) de {journal.NameOf(scope)} " +
                   $"à la cellule de {journal.NameOf(department)} : {request.Text} (par {by}).";
        await Log(journal, notifier, request, scope, department, text);
        return Results.Created($"/api/establishments/{finess}/requests/{request.Id}", request);
    }

    private static async Task<IResult> List(string kind, string id, string? open, string? limit, HttpContext http, TerritoryCatalogHolder territory, RequestStore store)
    {
        if (CellAccess.Read(http, territory, kind, id, out var scope) is { } denied) return denied;
        var errors = new FieldErrors();
        var openOnly = QueryValues.Flag("open", open, errors);
        var max = QueryValues.Int("limit", limit, 500, 1, 5000, errors);
        if (!errors.IsEmpty) return Problems.Invalid(errors);
        return Results.Ok(await store.ListAsync(CellAccess.PathOf(territory, scope), openOnly, max, http.RequestAborted));
    }

    private static async Task<IResult> Move(string kind, string id, string requestId, HttpContext http, TerritoryCatalogHolder territory, WriteGuard guard,
        RequestStore store, CrisisJournal journal, CrisisNotifier notifier, TimeProvider clock)
    {
        var (body, error) = await guard.BeginAsync(http, WriteKind.Declaration, ScopeRoute.Find(territory, kind, id, out var cell), cell);
        if (error is not null) return error;
        using var _ = body;
        var errors = new FieldErrors();
        body!.RejectUnknown(["status", "answer"], errors);
        MoveBody? input = null;
        try { input = body.Root.Deserialize<MoveBody>(JsonBody.Options); }
        catch (JsonException e) { errors.Add(JsonBody.FieldOf(e), "Valeur de type inattendu."); }
        if (!errors.IsEmpty) return Problems.Invalid(errors);
        if (cell.Kind == ScopeKind.Establishment)
            return Problems.Invalid("kind", "Une demande est traitée par une cellule territoriale (département, secteur ou région), pas par l'établissement qui la fait.");

        var by = http.User.ToCaller().Subject;
        var cellPath = CellAccess.PathOf(territory, cell);
        var notHere = false;
        var result = await store.UpdateAsync(requestId, r =>
        {
            var establishment = new ScopeRef(ScopeKind.Establishment, r.EstablishmentId);
            if (!CellAccess.PathOf(territory, establishment).StartsWith(cellPath + "/", StringComparison.Ordinal)) { notHere = true; return null; }
            return RequestRules.Move(r, input!.Status, by, string.IsNullOrWhiteSpace(input.Answer) ? null : input.Answer.Trim(), clock.GetUtcNow(), errors);
        }, http.RequestAborted);
        if (result is null || notHere) return Problems.NotFound($"Aucune demande « {(requestId.Length <= 40 ? requestId : requestId[..40])} » pour cette cellule.");
        if (result.Value.After is not { } after) return Problems.Invalid(errors);

        var scope = new ScopeRef(ScopeKind.Establishment, after.EstablishmentId);
        await guard.RecordAsync(http, "request.update", cell, result.Value.Before, after);
        var text = $"Demande de {journal.NameOf(scope)} ({RequestRules.KindLabel(after.Kind)}{Count(after)}) {RequestRules.Label(after.Status)} " +
                   $"par {by} pour la cellule de {journal.NameOf(cell)}" + (after.Answer is { } a ? $" : {a}" : ".");
        await Log(journal, notifier, after, scope, cell, text);
        return Results.Ok(after);
    }

    private static string Count(ReinforcementRequest r) => r.Count is { } n ? $", {n}{(r.Category is { } c ? " " + c : "")}" : "";

    // Every step lands in both main courantes: the establishment's and the cell's.
    private static async Task Log(CrisisJournal journal, CrisisNotifier notifier, ReinforcementRequest r, ScopeRef establishment, ScopeRef cell, string text)
    {
        var extra = new System.Text.Json.Nodes.JsonObject { ["request"] = JsonSerializer.SerializeToNode(r, JsonBody.Options) };
        await journal.SystemAsync(establishment, text, $"request:{r.Id}", extra);
        await journal.SystemAsync(cell, text, $"request:{r.Id}", extra);
        notifier.Notify(establishment, CrisisNotifier.Request, r.Id, r.Status);
        notifier.Notify(cell, CrisisNotifier.Request, r.Id, r.Status);
    }
}
