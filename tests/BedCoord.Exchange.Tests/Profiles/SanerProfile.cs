using Hl7.Fhir.Model;

namespace BedCoord.Exchange.Tests.Profiles;

/// <summary>
/// The SANER PublicHealthMeasureReport profile (hl7.fhir.uv.saner 1.0.1, licence CC0-1.0), transcribed by hand as a
/// differential from HL7/fhir-saner input/fsh/ProfileMeasureReport.fsh (commit 1b84e071): the published package
/// (.tgz) is not reachable offline and no compiled StructureDefinition was found. The SDK generates its snapshot from
/// base R4. Left out: the GeoLocation extension slice (not used by BedCoord) and the descriptive ^short/^comment texts.
/// </summary>
public static class SanerProfile
{
    public const string Url = "http://hl7.org/fhir/uv/saner/StructureDefinition/PublicHealthMeasureReport";
    private const string PreciseToSecond = "value.toString().length()=25";

    public static StructureDefinition Build() => new()
    {
        Url = Url,
        Id = "PublicHealthMeasureReport",
        Name = "PublicHealthMeasureReport",
        Version = "1.0.1",
        Status = PublicationStatus.Active,
        FhirVersion = FHIRVersion.N4_0_1,
        Kind = StructureDefinition.StructureDefinitionKind.Resource,
        Abstract = false,
        Type = "MeasureReport",
        BaseDefinition = "http://hl7.org/fhir/StructureDefinition/MeasureReport",
        Derivation = StructureDefinition.TypeDerivationRule.Constraint,
        // Differential elements in the base resource's element order, as the snapshot generator requires.
        Differential = new StructureDefinition.DifferentialComponent
        {
            Element =
            [
                new ElementDefinition("MeasureReport")
                {
                    Constraint = [Invariant("ReporterPresentInCompleteReport", "A reporter must be present in a complete report.",
                        "MeasureReport.status != 'completed' or MeasureReport.reporter.exists()")],
                },
                new ElementDefinition("MeasureReport.type") { Fixed = new Code("summary") },
                new ElementDefinition("MeasureReport.measure") { Min = 1, MustSupport = true },
                new ElementDefinition("MeasureReport.subject")
                {
                    Min = 1, MustSupport = true,
                    Type = [new ElementDefinition.TypeRefComponent { Code = "Reference", TargetProfile = ["http://hl7.org/fhir/StructureDefinition/Location"] }],
                },
                new ElementDefinition("MeasureReport.subject.identifier") { Min = 1, MustSupport = true },
                new ElementDefinition("MeasureReport.date") { Min = 1, MustSupport = true, Constraint = [Precise()] },
                new ElementDefinition("MeasureReport.period") { Min = 1, MustSupport = true },
                new ElementDefinition("MeasureReport.period.start") { Min = 1, MustSupport = true, Constraint = [Precise()] },
                new ElementDefinition("MeasureReport.period.end") { Min = 1, MustSupport = true, Constraint = [Precise()] },
                new ElementDefinition("MeasureReport.group.code") { Min = 1, MustSupport = true },
                new ElementDefinition("MeasureReport.group.population")
                {
                    Min = 1, MustSupport = true,
                    Constraint = [Invariant("HasValueOrDataAbsentReason",
                        "A population.count must have a value, or .extension.url = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason'",
                        "count.exists() or extension.url = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason'")],
                },
                new ElementDefinition("MeasureReport.group.population.code") { Min = 1, MustSupport = true },
                new ElementDefinition("MeasureReport.group.population.count") { Min = 1, MustSupport = true },
                new ElementDefinition("MeasureReport.group.stratifier") { MustSupport = true },
                new ElementDefinition("MeasureReport.group.stratifier.code") { Min = 1, MustSupport = true },
                new ElementDefinition("MeasureReport.group.stratifier.stratum") { Min = 1, MustSupport = true },
                new ElementDefinition("MeasureReport.group.stratifier.stratum.value") { Min = 0, Max = "0" },
                new ElementDefinition("MeasureReport.group.stratifier.stratum.population") { Min = 1, MustSupport = true },
                new ElementDefinition("MeasureReport.group.stratifier.stratum.population.code") { Min = 1, MustSupport = true },
                new ElementDefinition("MeasureReport.group.stratifier.stratum.population.count") { Min = 1, MustSupport = true },
                new ElementDefinition("MeasureReport.evaluatedResource") { MustSupport = true },
            ],
        },
    };

    private static ElementDefinition.ConstraintComponent Precise() =>
        Invariant("DateTimePreciseToSecond", "The dateTime value must contain seconds and a timezone", PreciseToSecond);

    private static ElementDefinition.ConstraintComponent Invariant(string key, string human, string expression) => new()
    {
        Key = key, Human = human, Expression = expression, Severity = ConstraintSeverity.Error, Source = Url,
    };
}
