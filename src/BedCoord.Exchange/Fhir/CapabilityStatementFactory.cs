using BedCoord.Exchange.Codes;
using Hl7.Fhir.Model;
using static Hl7.Fhir.Model.CapabilityStatement;

namespace BedCoord.Exchange.Fhir;

/// <summary>What /fhir/r4 supports, exactly: the resources, interactions and search parameters the host maps.</summary>
public static class CapabilityStatementFactory
{
    public const string SanerImplementationGuide = SanerCodes.Canonical + "/ImplementationGuide/hl7.fhir.uv.saner";
    public const string RorImplementationGuide = RorCodes.Canonical + "/ImplementationGuide/ans.fhir.fr.ror";

    public static CapabilityStatement Build(string baseUrl, DateTimeOffset published, string softwareVersion) => new()
    {
        Id = "bedcoord",
        Url = baseUrl + "/metadata",
        Name = "BedCoordFhirR4",
        Title = "BedCoord — API FHIR R4 (capacité en lits)",
        Status = PublicationStatus.Active,
        Date = FhirTime.Text(published),
        Publisher = "ORU Occitanie",
        Kind = CapabilityStatementKind.Instance,
        Software = new SoftwareComponent { Name = "BedCoord", Version = softwareVersion },
        Implementation = new ImplementationComponent { Description = "BedCoord, grille régionale des lits", Url = baseUrl },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["json", "xml"],
        ImplementationGuide = [SanerImplementationGuide, RorImplementationGuide],
        Description = new Markdown(
            "Units are Locations carrying ROR ror-location-supported-capacity records; they do not claim the ror-location " +
            "profile (ror-commune-cog and ror-meta-creation-date are not held) and are validated against base R4. " +
            "MeasureReports claim the SANER PublicHealthMeasureReport profile. See docs/EXCHANGE.md for every deviation."),
        Rest =
        [
            new RestComponent
            {
                Mode = RestfulCapabilityMode.Server,
                Documentation = new Markdown("Bearer token as for /api; any role reads, writes follow the unit bed PUT's rules."),
                Security = new SecurityComponent
                {
                    Service = [Concepts.Of("http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")],
                    Description = new Markdown("JWT bearer token (the same as the JSON API)."),
                },
                Resource =
                [
                    Resource(ResourceType.Organization, [TypeRestfulInteraction.Read, TypeRestfulInteraction.SearchType], null,
                        ("_id", SearchParamType.Token), ("identifier", SearchParamType.Token), ("address-postalcode", SearchParamType.String),
                        ("_lastUpdated", SearchParamType.Date), ("_count", SearchParamType.Number)),
                    Resource(ResourceType.Location, [TypeRestfulInteraction.Read, TypeRestfulInteraction.SearchType, TypeRestfulInteraction.Update], null,
                        ("_id", SearchParamType.Token), ("identifier", SearchParamType.Token), ("organization", SearchParamType.Reference),
                        ("partof", SearchParamType.Reference), ("address-postalcode", SearchParamType.String),
                        ("_lastUpdated", SearchParamType.Date), ("_count", SearchParamType.Number)),
                    Resource(ResourceType.MeasureReport, [TypeRestfulInteraction.SearchType], SanerCodes.MeasureReportProfile,
                        ("subject", SearchParamType.Reference), ("period", SearchParamType.Date)),
                ],
                Interaction =
                [
                    new SystemInteractionComponent { Code = SystemRestfulInteraction.Transaction, Documentation = new Markdown("Locations only (PUT); all or nothing.") },
                    new SystemInteractionComponent { Code = SystemRestfulInteraction.Batch, Documentation = new Markdown("Locations only (PUT); each entry on its own.") },
                ],
            },
        ],
    };

    private static ResourceComponent Resource(ResourceType type, TypeRestfulInteraction[] interactions, string? profile,
        params (string Name, SearchParamType Type)[] parameters)
    {
        var resource = new ResourceComponent
        {
            Type = type.ToString(),
            Interaction = interactions.Select(i => new ResourceInteractionComponent { Code = i }).ToList(),
            SearchParam = parameters.Select(p => new CapabilityStatement.SearchParamComponent { Name = p.Name, Type = p.Type }).ToList(),
        };
        if (profile is not null) resource.SupportedProfile = [profile];
        if (interactions.Contains(TypeRestfulInteraction.Update))
        {
            resource.Versioning = ResourceVersionPolicy.Versioned;
            resource.UpdateCreate = false;
            resource.ConditionalUpdate = false;
        }
        return resource;
    }
}
