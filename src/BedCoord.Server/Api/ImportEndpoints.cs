using System.Diagnostics;
using System.Text.Json;
using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Import;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Territory;
using BedCoord.Server.OpenApi;
using BedCoord.Server.Audit;
using BedCoord.Server.Auth;

namespace BedCoord.Server.Api;

/// <summary>Loading a region's establishments and units (docs/IMPORT.md). Admins only; idempotent.</summary>
public static class ImportEndpoints
{
    public const long MaxImportBytes = 32 * 1024 * 1024;

    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 32,
    };

    public static RouteGroupBuilder MapImportEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/admin/territory", Import)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxImportBytes))
            .WithName("importTerritory").WithTags("Admin")
            .WithSummary("Import (merge) regions, sectors, départements, establishments and units (admins; docs/IMPORT.md)")
            .AcceptsJson<TerritoryImport>()
            .Produces<ImportOutcome>().Refuses(400, 403);
        return api;
    }

    private static async Task<IResult> Import(HttpContext http, TerritoryCatalogHolder territory, TerritoryImporter importer, WriteGuard guard,
        ILogger<TerritoryImporter> log)
    {
        var caller = http.User;
        if (caller.FindFirst(Auth.ClaimNames.Role)?.Value != Roles.Admin)
            return Problems.Forbidden("Seul un administrateur peut importer des données de référence.");

        if (!JsonBody.IsJson(http.Request.ContentType)) return Problems.UnsupportedMediaType("application/json");
        var started = Stopwatch.GetTimestamp();
        // Read as the body arrives (a national file is ~10 MiB): no copy of the whole text, no document tree beside the records.
        TerritoryImport? document;
        try { document = await JsonSerializer.DeserializeAsync<TerritoryImport>(http.Request.Body, Strict, http.RequestAborted); }
        catch (JsonException e)
        {
            return Problems.Invalid(JsonBody.FieldOf(e), $"Valeur invalide, champ inconnu ou JSON mal formé (ligne {e.LineNumber + 1}, position {e.BytePositionInLine}) : {e.Message.Split('.')[0]}.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge) { return Problems.TooLarge(MaxImportBytes); }
        var read = Stopwatch.GetElapsedTime(started);

        var errors = new FieldErrors();
        var plan = ImportValidator.Validate(document, errors);
        if (plan is null) return Problems.Invalid(errors);
        CheckNoMoves(plan, territory.Current, errors);
        if (!errors.IsEmpty) return Problems.Invalid(errors);
        var validated = Stopwatch.GetElapsedTime(started);

        // Not the request's token: once validated, the import runs to its end even if the client goes away
        // (a half-applied import is what a client timeout used to leave). Each starting state is recorded as the
        // unit's first input in the transaction that stores it, all at one instant: history sees the units appear at once.
        var starting = WriteGuard.Entry(http, "unit.beds", new ScopeRef(ScopeKind.Unit, ""), null, null, default);
        var outcome = await importer.ApplyAsync(plan, http.User.SubjectName(), (connection, states, at) =>
            AuditLog.CopyAsync(connection, states.Select(s => starting with { At = at, ScopeId = s.UnitKey, After = s.Beds })));
        // One record per region, committed together rather than one group commit after another.
        await Task.WhenAll(plan.Incoming.Regions.Select(region =>
            guard.RecordAsync(http, "territory.import", new ScopeRef(ScopeKind.Region, region.Id), null, outcome)));
        log.LogInformation("Import: body read in {Read:F2} s, validated at {Validated:F2} s, applied and audited at {Done:F2} s",
            read.TotalSeconds, validated.TotalSeconds, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return Results.Ok(outcome);
    }

    // The merge keeps what a file leaves out, so a node filed under another parent would be counted under both:
    // moving a sector, a département or an establishment is refused, named by its place in the file.
    private static void CheckNoMoves(ImportPlan plan, TerritoryCatalog current, FieldErrors errors)
    {
        var regions = plan.Incoming.Regions;
        for (var r = 0; r < regions.Count; r++)
            for (var s = 0; s < regions[r].Sectors.Count; s++)
            {
                var sector = regions[r].Sectors[s];
                var sp = $"regions[{r}].sectors[{s}]";
                Refuse(current, new ScopeRef(ScopeKind.Sector, sector.Id), new ScopeRef(ScopeKind.Region, regions[r].Id), $"{sp}.id", "Le secteur", errors);
                for (var d = 0; d < sector.Departments.Count; d++)
                {
                    var dept = sector.Departments[d];
                    var dp = $"{sp}.departments[{d}]";
                    Refuse(current, new ScopeRef(ScopeKind.Department, dept.Code), new ScopeRef(ScopeKind.Sector, sector.Id), $"{dp}.code", "Le département", errors);
                    for (var e = 0; e < dept.Establishments.Count; e++)
                        Refuse(current, new ScopeRef(ScopeKind.Establishment, dept.Establishments[e].Id), new ScopeRef(ScopeKind.Department, dept.Code),
                            $"{dp}.establishments[{e}].id", "L'établissement", errors);
                }
            }
    }

    private static void Refuse(TerritoryCatalog current, ScopeRef node, ScopeRef fileParent, string field, string what, FieldErrors errors)
    {
        if (current.ParentOf(node) is not { } parent || parent == fileParent) return;
        var where = parent.Kind switch { ScopeKind.Region => "la région", ScopeKind.Sector => "le secteur", _ => "le département" };
        errors.Add(field, $"{what} {node.Id} est déjà rattaché à {where} {parent.Id} ; le déplacer n'est pas pris en charge par l'import.");
    }
}
