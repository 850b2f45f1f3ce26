using BedCoord.Domain.Territory;
using BedCoord.Exchange.Codes;
using Hl7.Fhir.Model;

namespace BedCoord.Exchange.Fhir;

/// <summary>An establishment as a FHIR Organization (exchange.md §1): id = FINESS, FR Core identifiers, partOf its département.</summary>
public static class OrganizationMap
{
    public static Organization ToFhir(EstablishmentInfo establishment, DepartmentInfo? department, DateTimeOffset? updatedAt, BedCoordCodes codes)
    {
        var organization = new Organization
        {
            Id = establishment.Id,
            Active = true,
            Name = establishment.Name,
            Identifier =
            [
                new Identifier(IdentifierSystems.Finess, establishment.Id),
                new Identifier(IdentifierSystems.IdNatStruct, IdentifierSystems.IdNatStructFinessPrefix + establishment.Id)
                {
                    Type = new CodeableConcept(IdentifierSystems.V2IdentifierType, IdentifierSystems.IdNatStructType),
                },
            ],
            Address = [new Address { District = establishment.DepartmentCode, Country = "FR" }],
            // The territory is not made of FHIR Organizations: a logical reference names the département.
            PartOf = new ResourceReference
            {
                Identifier = new Identifier(codes.ScopeIdentifierSystem("department"), establishment.DepartmentCode),
                Display = department?.Name,
            },
        };
        if (updatedAt is { } at) organization.Meta = new Meta { LastUpdated = FhirTime.Instant(at) };
        return organization;
    }
}
