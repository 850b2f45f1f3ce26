using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Exchange.Codes;

namespace BedCoord.Exchange.Tests;

/// <summary>The establishment of exchange.md's examples, built with the domain's own summary math.</summary>
public static class Samples
{
    public static readonly BedCoordCodes Codes = new("https://bedcoord.example.org/fhir");
    public static readonly DateTimeOffset UpdatedAt = new(2025, 1, 15, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = UpdatedAt.AddMinutes(5);

    public static readonly UnitInfo Med = new("med-polyvalente", "Médecine polyvalente", "MED");
    public static readonly UnitInfo Rea = new("rea", "Réanimation", "REA");
    public static readonly UnitInfo Had = new("had", "HAD", "HAD");

    public static readonly EstablishmentInfo Rangueil = new("310781406", "HOPITAL DE RANGUEIL CHU TOULOUSE", "CHU", "31",
        43.55862, 1.45377, true, [Med, Rea, Had]);

    public static readonly DepartmentInfo HauteGaronne = new("31", "Haute-Garonne", null, [Rangueil]);

    /// <summary>installed/closed/surge/occupied/reserved as in exchange.md: MED 30/2/1/25/1, REA 12/0/0/10/0.</summary>
    public static Summary Unit(UnitInfo unit, BedFigures beds, DateTimeOffset? at = null) =>
        SummaryMath.ForUnit(Rangueil.Id, unit, new UnitBedState(beds, 7, at ?? UpdatedAt, "test"), at ?? UpdatedAt, TimeSpan.FromHours(12));

    public static Summary MedState => Unit(Med, new BedFigures(30, 2, 1, 25, 1, 4));
    public static Summary ReaState => Unit(Rea, new BedFigures(12, 0, 0, 10, 0, 1));
    public static Summary HadState => Unit(Had, new BedFigures(20, 0, 0, 15, 0, 0));

    public static Summary Establishment(params Summary[] units) =>
        SummaryMath.Aggregate(ScopeKind.Establishment, Rangueil.Id, Rangueil.Name, "31", units, new EmergencyFigures(6, 2), 1);
}
