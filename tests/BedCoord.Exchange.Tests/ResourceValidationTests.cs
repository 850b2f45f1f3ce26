using BedCoord.Exchange.Codes;
using BedCoord.Exchange.Fhir;
using Hl7.Fhir.Model;

namespace BedCoord.Exchange.Tests;

public sealed class ResourceValidationTests
{
    [Fact]
    public void An_establishment_is_an_organization_with_its_finess_identifiers_and_validates()
    {
        var organization = OrganizationMap.ToFhir(Samples.Rangueil, Samples.HauteGaronne, Samples.UpdatedAt, Samples.Codes);

        Assert.Equal("310781406", organization.Id);
        Assert.Contains(organization.Identifier, i => i.System == IdentifierSystems.Finess && i.Value == "310781406");
        Assert.Contains(organization.Identifier, i => i.System == IdentifierSystems.IdNatStruct && i.Value == "1310781406");
        Assert.Equal("31", organization.PartOf.Identifier.Value);
        // partOf is a logical reference (identifier only), which R4 allows. SDK 6.8 evaluates ref-1 on it to empty and
        // reports that as a failure; the bare minimal Organization below shows it is the SDK, not the mapping.
        var bare = new Organization { Name = "x", PartOf = new ResourceReference { Identifier = new Identifier("urn:x", "1") } };
        Assert.Equal(FhirValidation.Errors(bare).Where(IsRef1), FhirValidation.Errors(bare));
        ValidAssert.ConformsBut(organization, IsRef1);
    }

    private static bool IsRef1(string error) => error.StartsWith("Organization.partOf[0]: Instance failed constraint ref-1", StringComparison.Ordinal);

    [Fact]
    public void The_capability_statement_validates_and_lists_what_is_mapped()
    {
        var statement = CapabilityStatementFactory.Build("https://bedcoord.example.org/fhir/r4", Samples.Now, "1.0");

        ValidAssert.ConformsBut(statement, ValidAssert.IsSdkTypeMismatch);
        var resources = statement.Rest[0].Resource.Select(r => r.Type).ToList();
        Assert.Equal(["Organization", "Location", "MeasureReport"], resources);
        Assert.Equal([SanerCodes.MeasureReportProfile], statement.Rest[0].Resource[2].SupportedProfile);
    }

    [Fact]
    public void A_searchset_page_links_to_the_next_and_previous_pages()
    {
        var all = Enumerable.Range(0, 5).Select(i => (Resource)new Location { Id = $"310781406-u{i}" }).ToList();

        var page = SearchsetBuilder.Page("https://x/fhir/r4", "Location", all.Skip(2).Take(2).ToList(), all.Count, 2, 2, "organization=310781406&_count=2", Samples.Now);

        Assert.Equal(5, page.Total);
        Assert.Equal(["310781406-u2", "310781406-u3"], page.Entry.Select(e => e.Resource.Id));
        Assert.Equal("https://x/fhir/r4/Location?organization=310781406&_count=2&_offset=4", page.Link.Single(l => l.Relation == "next").Url);
        Assert.Equal("https://x/fhir/r4/Location?organization=310781406&_count=2&_offset=0", page.Link.Single(l => l.Relation == "previous").Url);
        ValidAssert.ConformsBut(page, ValidAssert.IsSdkTypeMismatch);
    }
}
