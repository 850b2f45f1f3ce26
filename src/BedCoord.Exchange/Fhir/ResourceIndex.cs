using BedCoord.Domain.Territory;
using BedCoord.Exchange.Codes;

namespace BedCoord.Exchange.Fhir;

/// <summary>What a search can filter on without live figures: one entry per Location or Organization, from the territory.</summary>
public sealed record IndexEntry(ScopeRef Scope, string Id, string? Organization, string? PartOf, string? District, IReadOnlyList<(string? System, string Value)> Identifiers);

/// <summary>The searchable Locations (territory nodes and units) and Organizations (establishments) of a territory.</summary>
public static class ResourceIndex
{
    public static readonly string[] LocationParameters = ["_id", "identifier", "organization", "partof", "address-postalcode"];
    public static readonly string[] OrganizationParameters = ["_id", "identifier", "address-postalcode"];

    public static IEnumerable<IndexEntry> Locations(TerritoryCatalog catalog, BedCoordCodes codes)
    {
        foreach (var region in catalog.Document.Regions)
            foreach (var entry in LocationsUnder(catalog, new ScopeRef(ScopeKind.Region, region.Id), codes))
                yield return entry;
    }

    public static IEnumerable<IndexEntry> Organizations(TerritoryCatalog catalog) =>
        catalog.Document.Regions.SelectMany(r => r.Sectors).SelectMany(s => s.Departments).SelectMany(d => d.Establishments)
            .Select(e => new IndexEntry(new ScopeRef(ScopeKind.Establishment, e.Id), e.Id, e.Id, null, e.DepartmentCode,
                [(IdentifierSystems.Finess, e.Id), (IdentifierSystems.IdNatStruct, IdentifierSystems.IdNatStructFinessPrefix + e.Id)]));

    public static string? DistrictOf(TerritoryCatalog catalog, ScopeRef scope) => scope.Kind switch
    {
        ScopeKind.Department => scope.Id,
        ScopeKind.Establishment => catalog.Establishment(scope.Id)?.DepartmentCode,
        ScopeKind.Unit => catalog.Establishment(Identifiers.SplitUnitKey(scope.Id).Finess)?.DepartmentCode,
        _ => null,
    };

    public static bool Matches(IndexEntry entry, FhirSearch search)
    {
        if (search["_id"] is { } ids && !ids.Split(',').Contains(entry.Id)) return false;
        if (search["organization"] is { } orgs && !FhirSearch.ReferenceIds(orgs, "Organization").Contains(entry.Organization)) return false;
        if (search["partof"] is { } parents && !FhirSearch.ReferenceIds(parents, "Location").Contains(entry.PartOf)) return false;
        if (search["address-postalcode"] is { } postal && !FhirSearch.PostalCodeMatches(postal, entry.District)) return false;
        if (search["identifier"] is { } tokens && !FhirSearch.Tokens(tokens).Any(t => entry.Identifiers.Any(i =>
                i.Value == t.Value && (t.System is null || (t.System.Length == 0 ? i.System is null : t.System == i.System)))))
            return false;
        return true;
    }

    private static IEnumerable<IndexEntry> LocationsUnder(TerritoryCatalog catalog, ScopeRef scope, BedCoordCodes codes)
    {
        var parent = catalog.ParentOf(scope);
        var id = TerritoryLocationMap.IdOf(scope);
        string? organization = scope.Kind switch
        {
            ScopeKind.Establishment => scope.Id,
            ScopeKind.Unit => Identifiers.SplitUnitKey(scope.Id).Finess,
            _ => null,
        };
        IReadOnlyList<(string?, string)> identifiers = scope.Kind == ScopeKind.Unit
            ? [(null, id)]
            : [(TerritoryLocationMap.IdentifierOf(scope, codes).System, scope.Id)];
        yield return new IndexEntry(scope, id, organization, parent is { } p ? TerritoryLocationMap.IdOf(p) : null, DistrictOf(catalog, scope), identifiers);
        foreach (var child in catalog.ChildrenOf(scope))
            foreach (var entry in LocationsUnder(catalog, child, codes))
                yield return entry;
    }
}
