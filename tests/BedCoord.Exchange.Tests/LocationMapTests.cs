using BedCoord.Domain.Beds;
using BedCoord.Exchange.Codes;
using BedCoord.Exchange.Fhir;
using Hl7.Fhir.Model;

namespace BedCoord.Exchange.Tests;

public sealed class LocationMapTests
{
    private static Location MedLocation() => LocationMap.ToFhir(Samples.Rangueil, Samples.Med, Samples.MedState, Samples.Codes);

    [Fact]
    public void A_unit_carries_one_ror_capacity_record_per_status_we_hold_with_the_figure_time()
    {
        var location = MedLocation();

        Assert.Equal("310781406-med-polyvalente", location.Id);
        Assert.Equal("Organization/310781406", location.ManagingOrganization.Reference);
        var records = location.Extension.Where(e => e.Url == RorCodes.SupportedCapacityExtension).ToList();
        var byStatus = records.ToDictionary(
            r => ((CodeableConcept)r.GetExtension(RorCodes.CapacityStatus).Value).Coding[0].Code,
            r => ((Integer)r.GetExtension(RorCodes.NbCapacity).Value).Value);
        Assert.Equal(new Dictionary<string, int?> { ["01"] = 30, ["02"] = 3, ["03"] = 25, ["04"] = 1, ["05"] = 2, ["06"] = 1 }, byStatus);
        Assert.All(records, r => Assert.Equal("2025-01-15T08:00:00+00:00", ((FhirDateTime)r.GetExtension(RorCodes.CapacityUpdateDate).Value).Value));
        Assert.All(records, r => Assert.Equal(RorCodes.StatutCapaciteSystem, ((CodeableConcept)r.GetExtension(RorCodes.CapacityStatus).Value).Coding[0].System));
        Assert.Equal(Samples.UpdatedAt, location.Meta.LastUpdated);
        Assert.Equal("7", location.Meta.VersionId);
    }

    [Fact]
    public void Places_of_home_hospitalisation_are_coded_as_places_not_beds()
    {
        var location = LocationMap.ToFhir(Samples.Rangueil, Samples.Had, Samples.HadState, Samples.Codes);

        var natures = location.Extension.Select(r => ((CodeableConcept)r.GetExtension(RorCodes.CapacityType).Value).Coding[0].Code).Distinct();
        Assert.Equal(["02"], natures);
    }

    [Fact]
    public void A_stale_unit_is_tagged_stale()
    {
        var old = Samples.Unit(Samples.Med, new BedFigures(30, 0, 0, 20, 0, 0), Samples.UpdatedAt);
        var stale = Domain.Summaries.SummaryMath.Restale(old, Samples.UpdatedAt.AddDays(2), TimeSpan.FromHours(12));

        var location = LocationMap.ToFhir(Samples.Rangueil, Samples.Med, stale, Samples.Codes);

        Assert.Contains(location.Meta.Tag, t => t.System == Samples.Codes.TagSystem && t.Code == "stale");
        Assert.DoesNotContain(MedLocation().Meta.Tag, t => t.Code == "stale");
    }

    [Theory]
    [InlineData(FhirWireFormat.Json)]
    [InlineData(FhirWireFormat.Xml)]
    public void Our_summary_goes_to_fhir_and_back_to_the_same_bed_input(FhirWireFormat format)
    {
        // An update carries only the statuses a sender gives: 02 Disponible is derived and refused in input.
        var update = MedLocation();
        update.Extension.RemoveAll(e => ((CodeableConcept)e.GetExtension(RorCodes.CapacityStatus).Value).Coding[0].Code == RorCodes.Available.Code);
        var wire = FhirFormat.Serialize(update, format);
        var parsed = (Location)FhirFormat.TryParse(wire, format, out var error)!;
        Assert.Null(error);

        var issues = new List<FhirIssue>();
        var capacity = LocationCapacityReader.Read(parsed, "Location", issues);
        var errors = new FieldErrors();
        var figures = capacity.ToBedInput(Samples.MedState.Beds.ExpectedDischarges).Validate(errors);

        Assert.Empty(issues);
        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Equal(Samples.MedState.Beds, figures);
        Assert.Equal("7", capacity.VersionId);
    }

    [Fact]
    public void The_location_validates_against_base_r4_with_no_error()
    {
        ValidAssert.Conforms(MedLocation());
    }

    [Fact]
    public void A_derived_status_is_refused_and_named_by_its_element()
    {
        var location = MedLocation(); // carries 02 Disponible, as every export does
        var issues = new List<FhirIssue>();

        LocationCapacityReader.Read(location, "Location", issues);

        var issue = Assert.Single(issues);
        Assert.Equal("Location.extension[1].extension('capacityStatus').value", issue.Expression);
        Assert.Equal(OperationOutcome.IssueType.BusinessRule, issue.Type);
    }

    [Fact]
    public void An_unknown_status_code_and_a_missing_status_are_named()
    {
        var location = MedLocation();
        location.Extension.RemoveAt(1); // 02, derived
        ((CodeableConcept)location.Extension[3].GetExtension(RorCodes.CapacityStatus).Value).Coding[0].Code = "09"; // was 05 closed
        var issues = new List<FhirIssue>();

        LocationCapacityReader.Read(location, "Location", issues);

        Assert.Contains(issues, i => i.Expression == "Location.extension[3].extension('capacityStatus').value" && i.Type == OperationOutcome.IssueType.CodeInvalid);
        Assert.Contains(issues, i => i.Expression == "Location.extension" && i.Message.Contains("05"));
    }

    [Fact]
    public void A_bound_broken_by_a_figure_names_that_records_count()
    {
        var location = MedLocation();
        location.Extension.RemoveAt(1);

        // Left: 01 installed, 03 occupied, 04 reserved, 05 closed, 06 surge.
        Assert.Equal("Location.extension[1].extension('nbCapacity').value", LocationCapacityReader.ExpressionOf("Location", location, "occupied"));
        Assert.Equal("Location.extension[3].extension('nbCapacity').value", LocationCapacityReader.ExpressionOf("Location", location, "closed"));
    }

    [Fact]
    public void Malformed_json_is_reported_not_thrown()
    {
        Assert.Null(FhirFormat.TryParse("""{"resourceType":"Location","name":12""", FhirWireFormat.Json, out var error));
        Assert.NotNull(error);
        Assert.Null(FhirFormat.TryParse("""{"resourceType":"Location","nonsense":true}""", FhirWireFormat.Json, out error));
        Assert.NotNull(error);
        Assert.Null(FhirFormat.TryParse("<Location xmlns=\"http://hl7.org/fhir\"><name value=\"x\"/>", FhirWireFormat.Xml, out error));
        Assert.NotNull(error);
    }
}
