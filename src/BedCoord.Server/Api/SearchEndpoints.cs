using System.Globalization;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Search;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Server.OpenApi;

namespace BedCoord.Server.Api;

/// <summary>GET /api/search: establishments with available beds of a category, freshest then nearest.</summary>
public static class SearchEndpoints
{
    public static RouteGroupBuilder MapSearchEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/search", Search).WithName("searchBeds").WithTags("Search")
            .WithSummary("Find establishments with available beds of a category: fresh first, then nearest (with near) or most available")
            .WithParameters(
                Param.OneOf("category", "The bed category", BedCategory.All.Select(c => c.Code).ToList(), required: true),
                Param.Text("department", "Only this département (give at most one of department, sector, region)", "31", pattern: "^[0-9][0-9AB][0-9]?$"),
                Param.Text("sector", "Only this sector", "NORD", pattern: "^[A-Z0-9-]{2,20}$"),
                Param.Text("region", "Only this region", "OCC", pattern: "^[A-Z0-9-]{2,20}$"),
                Param.Text("near", "latitude,longitude in decimal degrees: results by distance", "43.60,1.44",
                    pattern: @"^-?[0-9]+(\.[0-9]+)?,-?[0-9]+(\.[0-9]+)?$"),
                Param.Int("limit", "At most this many results", 1, 200, 20))
            .Produces<IReadOnlyList<SearchResult>>().Refuses(400);
        return api;
    }

    private static async Task<IResult> Search(HttpRequest request, TerritoryCatalogHolder territory, IGrainFactory grains)
    {
        var q = request.Query;
        var errors = new FieldErrors();
        var category = q["category"].ToString();
        if (!BedCategory.TryGet(category, out _))
            errors.Add("category", $"Catégorie obligatoire parmi : {string.Join(", ", BedCategory.All.Select(c => c.Code))}.");
        var scopes = new[] { ("department", ScopeKind.Department), ("sector", ScopeKind.Sector), ("region", ScopeKind.Region) }
            .Where(s => !string.IsNullOrEmpty(q[s.Item1])).Select(s => new ScopeRef(s.Item2, q[s.Item1].ToString())).ToList();
        if (scopes.Count > 1) errors.Add("department", "Donnez un seul périmètre : department, sector ou region.");
        if (scopes.Count == 1 && !territory.Current.Contains(scopes[0])) errors.Add(scopes[0].Kind.Name(), $"Périmètre « {Short(scopes[0].Id)} » inconnu.");
        var near = ParseNear(q["near"].ToString(), errors);
        var limit = 20;
        if (!string.IsNullOrEmpty(q["limit"]) && (!int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 200))
            errors.Add("limit", "limit doit être un entier entre 1 et 200.");
        var includeMobilisable = false;
        if (!string.IsNullOrEmpty(q["includeMobilisable"]) && !bool.TryParse(q["includeMobilisable"], out includeMobilisable))
            errors.Add("includeMobilisable", "includeMobilisable vaut true ou false.");
        if (!errors.IsEmpty) return Problems.Invalid(errors);

        var catalog = territory.Current;
        var departments = scopes.Count == 1 ? DepartmentsUnder(catalog, scopes[0]) : catalog.Document.Regions.SelectMany(r => DepartmentsUnder(catalog, new ScopeRef(ScopeKind.Region, r.Id)));
        var summaries = await Task.WhenAll(departments.Select(d => grains.Scope(d).GetSummary(true)));
        // Only establishments with beds of the category left are worth asking for their units, whose
        // freshness is the category's (BedSearch.FreshnessOf).
        var withBeds = summaries.SelectMany(d => d.Children ?? [])
            .Where(e => BedSearch.HasBeds(e, category, includeMobilisable) && catalog.Establishment(e.Id) is not null);
        var establishments = await Task.WhenAll(withBeds.Select(e => grains.Aggregate(new ScopeRef(ScopeKind.Establishment, e.Id)).GetSummary(true)));
        var candidates = establishments.Select(e => (catalog.Establishment(e.Id)!, e));
        return Results.Ok(BedSearch.Rank(category, candidates, near, limit, includeMobilisable));
    }

    private static IEnumerable<ScopeRef> DepartmentsUnder(TerritoryCatalog catalog, ScopeRef scope) => scope.Kind switch
    {
        ScopeKind.Department => [scope],
        _ => catalog.ChildrenOf(scope).SelectMany(c => DepartmentsUnder(catalog, c)),
    };

    private static (double, double)? ParseNear(string text, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var parts = text.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) && lat is >= -90 and <= 90
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) && lon is >= -180 and <= 180)
            return (lat, lon);
        errors.Add("near", "near doit être « latitude,longitude » en degrés décimaux, par exemple 43.60,1.44.");
        return null;
    }

    private static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
