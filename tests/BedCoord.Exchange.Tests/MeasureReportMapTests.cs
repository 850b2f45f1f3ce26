using BedCoord.Domain.Beds;
using BedCoord.Exchange.Codes;
using BedCoord.Exchange.Fhir;
using Hl7.Fhir.Model;

namespace BedCoord.Exchange.Tests;

public sealed class MeasureReportMapTests
{
    private static readonly Domain.Summaries.Summary Establishment = Samples.Establishment(Samples.MedState, Samples.ReaState, Samples.HadState);

    private static Dictionary<string, int?> Counts(MeasureReport report, string group) =>
        report.Group.Single(g => g.Code.Coding[0].Code == group).Population.ToDictionary(p => p.Code.Coding[0].Code, p => p.Count);

    [Fact]
    public void The_cdc_report_of_the_spec_example_counts_beds_without_home_hospitalisation_places()
    {
        var report = MeasureReportMap.Cdc(Establishment, Samples.Now, Samples.Codes);

        Assert.Equal(new Dictionary<string, int?>
        {
            ["numTotBeds"] = 43, ["numbeds"] = 41, ["numBedsOcc"] = 35, ["numICUBeds"] = 12, ["numICUBedsOcc"] = 10,
        }, Counts(report, "Beds"));
        Assert.Equal("Location/establishment-310781406", report.Subject.Reference);
        Assert.Equal(IdentifierSystems.Finess, report.Subject.Identifier.System);
        Assert.Equal("2025-01-15T08:05:00+00:00", report.Date);
        Assert.Equal("2025-01-15T08:00:00+00:00", report.Period.Start);
        Assert.Equal(MeasureReport.MeasureReportStatus.Complete, report.Status);
        var ventilators = report.Group.Single(g => g.Code.Coding[0].Code == "Ventilators").Population;
        Assert.All(ventilators, p => Assert.Null(p.Count));
        Assert.All(ventilators, p => Assert.Equal("unsupported", ((Code)p.CountElement.GetExtension(SanerCodes.DataAbsentReasonExtension).Value).Value));
    }

    [Fact]
    public void Both_reports_validate_against_the_saner_profile_they_declare()
    {
        foreach (var report in MeasureReportMap.ToFhir(Establishment, Samples.Now, Samples.Codes))
        {
            Assert.Equal([SanerCodes.MeasureReportProfile], report.Meta.Profile);
            ValidAssert.Conforms(report);
        }
    }

    [Fact]
    public void The_validator_does_apply_the_saner_profile()
    {
        // A report without subject.identifier and dated by day only is valid R4 but breaks SANER.
        var report = MeasureReportMap.Cdc(Establishment, Samples.Now, Samples.Codes);
        report.Subject.Identifier = null;
        report.Date = "2025-01-15";

        var errors = FhirValidation.Errors(report);

        Assert.Contains(errors, e => e.StartsWith("MeasureReport.subject", StringComparison.Ordinal) && e.Contains("identifier"));
        Assert.Contains(errors, e => e.StartsWith("MeasureReport.date", StringComparison.Ordinal) && e.Contains("DateTimePreciseToSecond"));
        report.Meta = null;
        Assert.Empty(FhirValidation.Errors(report));
    }

    [Fact]
    public void The_bedcoord_measure_goes_back_to_the_same_figures_and_strata_by_group()
    {
        var report = MeasureReportMap.BedCoordMeasure(Establishment, Samples.Now, Samples.Codes);
        var wire = FhirFormat.Serialize(report, FhirWireFormat.Json);
        var parsed = (MeasureReport)FhirFormat.TryParse(wire, FhirWireFormat.Json, out _)!;

        var (beds, edWaiting, blockers) = MeasureReportMap.ReadBedCoordMeasure(parsed, Samples.Codes);

        Assert.Equal(Establishment.Beds, beds);
        Assert.Equal((6, 2), (edWaiting, blockers));
        var strata = parsed.Group[0].Stratifier[0].Stratum;
        Assert.Equal(["MCO", "HAD"], strata.Select(s => s.Component[0].Value.Text));
        Assert.All(strata, s => Assert.Null(s.Value));
        var had = strata.Single(s => s.Component[0].Value.Text == "HAD").Population.ToDictionary(p => p.Code.Coding[0].Code, p => p.Count);
        Assert.Equal(15, had["occupied"]);
    }

    [Fact]
    public void A_scope_with_stale_units_is_pending()
    {
        var stale = Domain.Summaries.SummaryMath.Restale(Samples.MedState, Samples.UpdatedAt.AddDays(1), TimeSpan.FromHours(12));
        var report = MeasureReportMap.Cdc(Samples.Establishment(stale, Samples.ReaState), Samples.Now, Samples.Codes);

        Assert.Equal(MeasureReport.MeasureReportStatus.Pending, report.Status);
    }

    [Fact]
    public void A_region_subject_uses_the_bedcoord_identifier_system()
    {
        var region = Domain.Summaries.SummaryMath.Aggregate(Domain.Territory.ScopeKind.Region, "OCC", "Occitanie", null, [Establishment], null, 1);

        var report = MeasureReportMap.Cdc(region, Samples.Now, Samples.Codes);

        Assert.Equal("Location/region-OCC", report.Subject.Reference);
        Assert.Equal("https://bedcoord.example.org/fhir/sid/region", report.Subject.Identifier.System);
        ValidAssert.Conforms(report);
    }
}
