using BedCoord.Domain.Territory;
using BedCoord.Exchange.Codes;
using Hl7.Fhir.Model;

namespace BedCoord.Exchange.Fhir;

/// <summary>
/// A node of the territory (region, sector, département, establishment) as a Location with mode=kind (exchange.md §2):
/// the subject of its MeasureReports, and the partOf of what it contains. Ids are "{kind}-{id}".
/// </summary>
public static class TerritoryLocationMap
{
    /// <summary>The Location physical-type codes (http://terminology.hl7.org/CodeSystem/location-physical-type).</summary>
    public const string PhysicalTypeSystem = "http://terminology.hl7.org/CodeSystem/location-physical-type";

    public static string IdOf(ScopeRef scope) => scope.Kind == ScopeKind.Unit
        ? LocationIds.Of(Identifiers.SplitUnitKey(scope.Id).Finess, Identifiers.SplitUnitKey(scope.Id).UnitId)
        : MeasureReportMap.SubjectId(scope.Kind, scope.Id);

    public static bool TryParse(string id, out ScopeRef scope)
    {
        scope = default;
        var dash = id.IndexOf('-');
        if (dash <= 0 || !ScopeKinds.TryParse(id[..dash], out var kind) || kind == ScopeKind.Unit) return false;
        scope = new ScopeRef(kind, id[(dash + 1)..]);
        return scope.Id.Length > 0;
    }

    public static Identifier IdentifierOf(ScopeRef scope, BedCoordCodes codes) => scope.Kind == ScopeKind.Establishment
        ? new Identifier(IdentifierSystems.Finess, scope.Id)
        : new Identifier(codes.ScopeIdentifierSystem(scope.Kind.Name()), scope.Id);

    public static Location ToFhir(ScopeRef scope, string name, ScopeRef? parent, EstablishmentInfo? establishment, DepartmentCodeOf district,
        DateTimeOffset? updatedAt, BedCoordCodes codes)
    {
        var location = new Location
        {
            Id = IdOf(scope),
            Identifier = [IdentifierOf(scope, codes)],
            Status = Location.LocationStatus.Active,
            Name = name,
            Mode = Location.LocationMode.Kind,
            Description = scope.Kind switch
            {
                ScopeKind.Region => "Région",
                ScopeKind.Sector => "Secteur",
                ScopeKind.Department => "Département",
                _ => "Établissement",
            },
            PhysicalType = scope.Kind == ScopeKind.Establishment
                ? Concepts.Of(PhysicalTypeSystem, "si", "Site")
                : Concepts.Of(PhysicalTypeSystem, "area", "Area"),
        };
        if (district(scope) is { } code) location.Address = new Address { District = code, Country = "FR" };
        if (parent is { } p) location.PartOf = new ResourceReference($"Location/{IdOf(p)}");
        if (establishment is not null)
        {
            location.ManagingOrganization = new ResourceReference($"Organization/{establishment.Id}");
            if (establishment is { Latitude: { } lat, Longitude: { } lon })
                location.Position = new Location.PositionComponent { Latitude = (decimal)lat, Longitude = (decimal)lon };
        }
        if (updatedAt is { } at) location.Meta = new Meta { LastUpdated = FhirTime.Instant(at) };
        return location;
    }
}

/// <summary>The département code of a node, when it has one (départements and what they contain).</summary>
public delegate string? DepartmentCodeOf(ScopeRef scope);
