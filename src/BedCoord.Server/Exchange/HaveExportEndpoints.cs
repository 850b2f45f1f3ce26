using BedCoord.Domain.Territory;
using BedCoord.Exchange.Have;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Server.Api;

namespace BedCoord.Server.Exchange;

/// <summary>GET /api/exports/have?scope={kind}/{id}: one EDXL-HAVE 1.0 HospitalStatus, a Hospital per establishment (exchange.md §3).</summary>
public static class HaveExportEndpoints
{
    public static RouteGroupBuilder MapHaveExportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/exports/have", Export)
            .WithName("exportHave").WithTags("Exchange")
            .WithSummary("EDXL-HAVE 1.0 HospitalStatus of a scope (region/OCC, sector/SUD, department/31, establishment/{finess})")
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> Export(string? scope, TerritoryCatalogHolder territory, IGrainFactory grains, HttpContext http)
    {
        var slash = scope?.IndexOf('/') ?? -1;
        if (scope is null || slash <= 0 || !ScopeKinds.TryParse(scope[..slash], out var kind) || kind == ScopeKind.Unit)
            return Problems.Invalid("scope", "Le paramètre scope doit valoir region/{id}, sector/{id}, department/{code} ou establishment/{finess}.");
        if (ScopeLookup.Find(territory, kind, scope[(slash + 1)..], out var root) is { } notFound) return notFound;

        return Results.Text(await DocumentTextAsync(territory.Current, grains, root), "application/xml; charset=utf-8");
    }

    /// <summary>The scope's HospitalStatus as sent: the export's answer and a webhook's body.</summary>
    internal static async Task<string> DocumentTextAsync(TerritoryCatalog catalog, IGrainFactory grains, ScopeRef root)
    {
        var establishments = Establishments(catalog, root).ToList();
        var states = await Task.WhenAll(establishments.Select(e => grains.GetGrain<IEstablishmentGrain>(e.Id).GetSummary(false)));
        var document = HaveExport.Build(establishments.Zip(states));
        return document.Declaration + "\n" + document.Root;
    }

    private static IEnumerable<EstablishmentInfo> Establishments(TerritoryCatalog catalog, ScopeRef scope) => scope.Kind == ScopeKind.Establishment
        ? [catalog.Establishment(scope.Id)!]
        : catalog.ChildrenOf(scope).SelectMany(c => Establishments(catalog, c));
}
