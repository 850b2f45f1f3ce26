using System.Text.Json;
using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Import;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Territory;
using BedCoord.Server.OpenApi;
using BedCoord.Server.Auth;

namespace BedCoord.Server.Api;

/// <summary>Loading a region's establishments and units (docs/IMPORT.md). Admins only; idempotent.</summary>
public static class ImportEndpoints
{
    public const long MaxImportBytes = 32 * 1024 * 1024;

    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
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

    private static async Task<IResult> Import(HttpContext http, TerritoryCatalogHolder territory, TerritoryImporter importer, WriteGuard guard, TimeProvider clock)
    {
        var caller = http.User;
        if (caller.FindFirst(Auth.ClaimNames.Role)?.Value != Roles.Admin)
            return Problems.Forbidden("Seul un administrateur peut importer des données de référence.");

        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        using var _ = body;
        TerritoryImport? document;
        try { document = body!.Root.Deserialize<TerritoryImport>(Strict); }
        catch (JsonException e) { return Problems.Invalid(e.Path ?? "$", $"Valeur invalide ou champ inconnu : {e.Message.Split('.')[0]}."); }

        var errors = new FieldErrors();
        var plan = ImportValidator.Validate(document, errors);
        if (plan is null) return Problems.Invalid(errors);
        CheckNoMoves(plan, territory.Current, errors);
        if (!errors.IsEmpty) return Problems.Invalid(errors);

        // One instant for every starting state: history sees the import's units appear at once, not one by one.
        var importedAt = clock.GetUtcNow();
        var outcome = await importer.ApplyAsync(plan, http.User.SubjectName(), http.RequestAborted,
            (unitKey, beds) => guard.RecordAsync(http, "unit.beds", new ScopeRef(ScopeKind.Unit, unitKey), null, beds, importedAt));
        foreach (var region in plan.Incoming.Regions)
            await guard.RecordAsync(http, "territory.import", new ScopeRef(ScopeKind.Region, region.Id), null, outcome);
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
