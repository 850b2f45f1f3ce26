using System.Xml.Linq;
using BedCoord.Exchange.Have;

namespace BedCoord.Exchange.Tests;

/// <summary>
/// The HAVE document against the structure exchange.md §3 gives (namespace, element order, enumerations): the OASIS
/// XSD was not found in the corpora, so this is not schema validation.
/// </summary>
public sealed class HaveExportTests
{
    private static readonly XNamespace H = HaveCodes.HaveNs;

    private static XElement Hospital() =>
        HaveExport.Build([(Samples.Rangueil, Samples.Establishment(Samples.MedState, Samples.ReaState, Samples.HadState))]).Root!.Elements(H + "Hospital").Single();

    [Fact]
    public void A_hospital_has_its_children_in_the_order_of_the_schema()
    {
        var hospital = Hospital();

        Assert.Equal(["Organization", "HospitalBedCapacityStatus", "HospitalFacilityStatus", "LastUpdateTime"], hospital.Elements().Select(e => e.Name.LocalName));
        Assert.All(hospital.Descendants(), e => Assert.True(e.Name.Namespace == H || e.Name.Namespace == HaveCodes.Xnl || e.Name.Namespace == HaveCodes.Gml, e.Name.ToString()));
        Assert.Equal("310781406", hospital.Descendants(HaveCodes.Xnl + "OrganisationName").Single().Attribute(HaveCodes.Xnl + "ID")!.Value);
        Assert.Equal("43.55862, 1.45377", hospital.Descendants(HaveCodes.Gml + "coordinates").Single().Value);
        Assert.Equal("2025-01-15T08:00:00Z", hospital.Element(H + "LastUpdateTime")!.Value);
    }

    [Fact]
    public void Bed_types_carry_available_and_baseline_counts_and_places_are_left_out()
    {
        var capacities = Hospital().Descendants(H + "BedCapacity").ToDictionary(
            b => b.Element(H + "BedType")!.Value,
            b => b.Element(H + "Capacity")!.Elements().Select(e => e.Name.LocalName + "=" + e.Value).ToList());

        Assert.Equal(["MedicalSurgical", "AdultICU"], capacities.Keys);
        Assert.Equal(["CapacityStatus=VacantAvailable", "AvailableCount=3", "BaselineCount=30"], capacities["MedicalSurgical"]);
        Assert.Equal(["CapacityStatus=VacantAvailable", "AvailableCount=2", "BaselineCount=12"], capacities["AdultICU"]);
    }

    [Fact]
    public void A_declared_crisis_activates_the_eoc_and_its_plan()
    {
        var crisis = Samples.Establishment(Samples.MedState) with { DeclaredLevel = 3 };

        var facility = HaveExport.Hospital(Samples.Rangueil, crisis).Element(H + "HospitalFacilityStatus")!;

        Assert.Equal(["ClinicalStatus=Level2", "HospitalEOCStatus=Active", "HospitalEOCPlan=Active"],
            facility.Elements().Select(e => e.Name.LocalName + "=" + e.Value));
        var normal = HaveExport.Hospital(Samples.Rangueil, Samples.Establishment(Samples.MedState)).Element(H + "HospitalFacilityStatus")!;
        Assert.Equal(["Normal", "Inactive", "Inactive"], normal.Elements().Select(e => e.Value));
    }
}
