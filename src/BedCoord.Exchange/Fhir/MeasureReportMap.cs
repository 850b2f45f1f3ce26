using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Exchange.Codes;
using Hl7.Fhir.Model;

namespace BedCoord.Exchange.Fhir;

/// <summary>
/// A scope's summary as two SANER-style summary MeasureReports (exchange.md §2): the CDC measure
/// (Beds, Ventilators) and the BedCoord measure for the figures the CDC one lacks, stratified by group.
/// </summary>
public static class MeasureReportMap
{
    /// <summary>Places, not hospital beds: excluded from the CDC bed counts.</summary>
    private static readonly string[] PlaceGroups = [BedGroups.Had, BedGroups.Ehpad];

    public static IReadOnlyList<MeasureReport> ToFhir(Summary scope, DateTimeOffset generatedAt, BedCoordCodes codes) =>
        [Cdc(scope, generatedAt, codes), BedCoordMeasure(scope, generatedAt, codes)];

    public static string SubjectId(ScopeKind kind, string id) => $"{kind.Name()}-{id}";

    public static MeasureReport Cdc(Summary scope, DateTimeOffset generatedAt, BedCoordCodes codes)
    {
        var beds = Sum(scope.Categories.Where(c => !BedCategory.TryGet(c.Key, out var cat) || !PlaceGroups.Contains(cat.Group)));
        var icu = Sum(scope.Categories.Where(c => BedCategory.TryGet(c.Key, out var cat) && cat.CriticalCare));
        var report = Shell(scope, generatedAt, codes, SanerCodes.CdcMeasure, "cdc");
        report.Group.Add(new MeasureReport.GroupComponent
        {
            Code = new CodeableConcept(SanerCodes.MeasureGroupSystem, SanerCodes.BedsGroup),
            Population =
            [
                Population(SanerCodes.MeasuredValuesSystem, SanerCodes.NumTotBeds, beds.Installed + beds.Surge, SanerCodes.InitialPopulation),
                Population(SanerCodes.MeasuredValuesSystem, SanerCodes.NumBeds, beds.Open, SanerCodes.MeasurePopulation),
                Population(SanerCodes.MeasuredValuesSystem, SanerCodes.NumBedsOcc, beds.Occupied, SanerCodes.MeasurePopulation),
                Population(SanerCodes.MeasuredValuesSystem, SanerCodes.NumIcuBeds, icu.Open, SanerCodes.MeasurePopulation),
                Population(SanerCodes.MeasuredValuesSystem, SanerCodes.NumIcuBedsOcc, icu.Occupied, SanerCodes.MeasurePopulation),
            ],
        });
        report.Group.Add(new MeasureReport.GroupComponent
        {
            Code = new CodeableConcept(SanerCodes.MeasureGroupSystem, SanerCodes.VentilatorsGroup),
            Population =
            [
                Population(SanerCodes.MeasuredValuesSystem, SanerCodes.NumVent, null, SanerCodes.InitialPopulation),
                Population(SanerCodes.MeasuredValuesSystem, SanerCodes.NumVentUse, null, SanerCodes.MeasurePopulation),
            ],
        });
        return report;
    }

    public static MeasureReport BedCoordMeasure(Summary scope, DateTimeOffset generatedAt, BedCoordCodes codes)
    {
        var report = Shell(scope, generatedAt, codes, codes.CapacityMeasure, "bedcoord");
        var group = new MeasureReport.GroupComponent { Code = new CodeableConcept(codes.MeasuredValuesSystem, BedCoordCodes.BedsGroup) };
        var first = true;
        foreach (var (code, count) in Values(scope.Beds, scope.EdWaitingForBed, scope.BedBlockers))
        {
            group.Population.Add(Population(codes.MeasuredValuesSystem, code, count, first ? SanerCodes.InitialPopulation : SanerCodes.MeasurePopulation));
            first = false;
        }
        var stratifier = new MeasureReport.StratifierComponent { Code = [new CodeableConcept { Text = "group" }] };
        foreach (var groupCode in BedGroups.All)
        {
            if (!scope.Groups.TryGetValue(groupCode, out var figures)) continue;
            var stratum = new MeasureReport.StratifierGroupComponent
            {
                Component = [new MeasureReport.ComponentComponent { Code = new CodeableConcept { Text = "group" }, Value = new CodeableConcept { Text = groupCode } }],
            };
            foreach (var (code, count) in Values(figures, null, null))
                stratum.Population.Add(new MeasureReport.StratifierGroupPopulationComponent
                {
                    Code = new CodeableConcept(codes.MeasuredValuesSystem, code),
                    Count = count,
                });
            stratifier.Stratum.Add(stratum);
        }
        group.Stratifier.Add(stratifier);
        report.Group.Add(group);
        return report;
    }

    /// <summary>Reads a BedCoord-measure report back into bed figures (the round trip of the tests, and for consumers).</summary>
    public static (BedFigures Beds, int EdWaitingForBed, int BedBlockers) ReadBedCoordMeasure(MeasureReport report, BedCoordCodes codes)
    {
        var counts = report.Group.Single(g => g.Code?.Coding.Any(c => c.Code == BedCoordCodes.BedsGroup) == true).Population
            .ToDictionary(p => p.Code?.Coding.First(c => c.System == codes.MeasuredValuesSystem).Code ?? "", p => p.Count ?? 0);
        return (new BedFigures(counts["installed"], counts["closed"], counts["surge"], counts["occupied"], counts["reserved"], counts["expectedDischarges"]),
            counts["edWaitingForBed"], counts["bedBlockers"]);
    }

    private static IEnumerable<(string Code, int Count)> Values(BedFigures b, int? edWaiting, int? blockers)
    {
        yield return ("installed", b.Installed);
        yield return ("closed", b.Closed);
        yield return ("surge", b.Surge);
        yield return ("open", b.Open);
        yield return ("occupied", b.Occupied);
        yield return ("reserved", b.Reserved);
        yield return ("available", b.Available);
        yield return ("expectedDischarges", b.ExpectedDischarges);
        if (edWaiting is { } e) yield return ("edWaitingForBed", e);
        if (blockers is { } k) yield return ("bedBlockers", k);
    }

    private static MeasureReport Shell(Summary scope, DateTimeOffset generatedAt, BedCoordCodes codes, string measure, string suffix)
    {
        var subjectId = SubjectId(scope.Kind, scope.Id);
        var at = FhirTime.DateTime(scope.UpdatedAt).Value;
        return new MeasureReport
        {
            Id = $"{subjectId}-{suffix}",
            Meta = new Meta { Profile = [SanerCodes.MeasureReportProfile] },
            Status = scope.Freshness.StaleUnits == 0 ? MeasureReport.MeasureReportStatus.Complete : MeasureReport.MeasureReportStatus.Pending,
            Type = MeasureReport.MeasureReportType.Summary,
            Measure = measure,
            Subject = new ResourceReference($"Location/{subjectId}")
            {
                Identifier = scope.Kind == ScopeKind.Establishment
                    ? new Identifier(IdentifierSystems.Finess, scope.Id)
                    : new Identifier(codes.ScopeIdentifierSystem(scope.Kind.Name()), scope.Id),
                Display = scope.Name,
            },
            Date = FhirTime.Text(generatedAt),
            Reporter = new ResourceReference(BedCoordCodes.ReporterReference),
            Period = new Period { Start = at, End = at },
        };
    }

    private static MeasureReport.PopulationComponent Population(string system, string code, int? count, string populationRole)
    {
        var concept = new CodeableConcept(system, code);
        concept.Coding.Add(new Coding(SanerCodes.MeasurePopulationSystem, populationRole));
        var population = new MeasureReport.PopulationComponent { Code = concept };
        if (count is { } c) population.Count = c;
        else
        {
            // Not held by BedCoord: SANER wants the count present, with why it is absent.
            population.CountElement = new Integer();
            population.CountElement.Extension.Add(new Extension(SanerCodes.DataAbsentReasonExtension, new Code("unsupported")));
        }
        return population;
    }

    private static BedFigures Sum(IEnumerable<KeyValuePair<string, BedFigures>> entries) =>
        entries.Aggregate(BedFigures.Zero, (acc, kv) => acc + kv.Value);
}
