using BedCoord.Server.Auth;
using System.Text.Json;
using BedCoord.Domain.Access;
using BedCoord.Domain.BedBlockers;
using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.BedBlockers;
using BedCoord.Server.OpenApi;

namespace BedCoord.Server.Api;

/// <summary>
/// The bed-blocker register of an establishment (api-v1 § Crisis cell): anonymous lines, stored before the
/// answer, audited, and handed to the establishment grain whose bedBlockers becomes their count.
/// </summary>
public static class BedBlockerEndpoints
{
    public const string AuditAction = "establishment.bed-blockers";

    public static RouteGroupBuilder MapBedBlockerEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/establishments/{finess}/bed-blockers", List)
            .WithName("ListBedBlockers").WithSummary("The open lines of an establishment's bed-blocker register, longest waiting first")
            .Produces<IReadOnlyList<BedBlockerLine>>(200).ProducesProblem(401).ProducesProblem(404);
        api.MapPost("/establishments/{finess}/bed-blockers", Add)
            .WithName("AddBedBlocker").WithSummary("Add an anonymous line to the register: unitId, destination, since, viaTrajectoire; any other field is refused")
            .AcceptsJson<BedBlockerBody>(new { unitId = "med", destination = "SMR", since = "2026-12-01", viaTrajectoire = true })
            .Produces<BedBlockerLine>(201).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(415);
        api.MapDelete("/establishments/{finess}/bed-blockers/{id}", Remove)
            .WithName("RemoveBedBlocker").WithSummary("The patient of a line left: the line leaves the register")
            .Produces(204).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
        return api;
    }

    /// <summary>The body of a POST, for the OpenAPI document (the endpoint reads the JSON itself to name bad fields).</summary>
    public sealed record BedBlockerBody(string? UnitId, string Destination, string Since, bool? ViaTrajectoire);

    private static async Task<IResult> List(string finess, TerritoryCatalogHolder territory, BedBlockerStore store, CancellationToken ct)
    {
        if (ScopeLookup.Find(territory, ScopeKind.Establishment, finess, out _) is { } notFound) return notFound;
        return Results.Ok(await store.ListAsync(finess, ct));
    }

    private static async Task<IResult> Add(string finess, HttpContext http, TerritoryCatalogHolder territory, BedBlockerStore store,
        IGrainFactory grains, WriteGuard guard, TimeProvider clock)
    {
        var (body, error) = await guard.BeginAsync(http, WriteKind.EstablishmentFigures,
            ScopeLookup.Find(territory, ScopeKind.Establishment, finess, out var scope), scope);
        if (error is not null) return error;
        using var _ = body;
        var errors = new FieldErrors();
        body!.RejectUnknown(BedBlockerInput.FieldNames, errors, BedBlockerInput.Refusal);
        var input = new BedBlockerInput(body.String("unitId", errors, 100), body.String("destination", errors, 20),
            body.String("since", errors, 10), Bool(body, "viaTrajectoire", errors));
        var units = territory.Current.Establishment(finess)?.Units.Select(u => u.Id).ToList() ?? [];
        var now = clock.GetUtcNow();
        var valid = errors.IsEmpty ? input.Validate(units, Today(now), errors) : null;
        if (valid is not { } line) return Problems.Invalid(errors);

        var by = http.User.SubjectName();
        var (added, register) = await store.AddAsync(finess, line.UnitId, line.Destination, line.Since, line.ViaTrajectoire, now, by);
        await grains.GetGrain<IEstablishmentGrain>(finess).SetRegister(register.Lines, register.Revision);
        await guard.RecordAsync(http, AuditAction, scope, null, new RegisterChange(added, register.Lines.Count), now);
        return Results.Created($"/api/establishments/{finess}/bed-blockers/{added.Id}", added);
    }

    private static async Task<IResult> Remove(string finess, string id, HttpContext http, TerritoryCatalogHolder territory,
        BedBlockerStore store, IGrainFactory grains, WriteGuard guard, TimeProvider clock)
    {
        if (ScopeLookup.Find(territory, ScopeKind.Establishment, finess, out var scope) is { } notFound) return notFound;
        if (guard.Authorize(http, WriteKind.EstablishmentFigures, scope) is { } forbidden) return forbidden;
        if (!long.TryParse(id, out var lineId) || lineId <= 0) return Problems.Invalid("id", "L'identifiant d'une ligne du registre est un entier positif.");
        var now = clock.GetUtcNow();
        var removed = await store.RemoveAsync(finess, lineId, now, http.User.SubjectName());
        if (removed is not { } r) return Problems.NotFound($"Aucune ligne {lineId} ouverte dans le registre de {finess}.");
        await grains.GetGrain<IEstablishmentGrain>(finess).SetRegister(r.Register.Lines, r.Register.Revision);
        await guard.RecordAsync(http, AuditAction, scope, new RegisterChange(r.Line, r.Register.Lines.Count + 1),
            new RegisterChange(null, r.Register.Lines.Count), now);
        return Results.NoContent();
    }

    /// <summary>What the audit keeps of a change: the line added or removed, and the register's count after it (history reads it).</summary>
    public sealed record RegisterChange(BedBlockerLine? Line, int Count);

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Steps.Paris).DateTime);

    private static bool? Bool(JsonBody body, string name, FieldErrors errors)
    {
        if (!body.Root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        errors.Add(name, $"Le champ {name} doit valoir true ou false (reçu {JsonBody.Describe(value)}).");
        return null;
    }
}
