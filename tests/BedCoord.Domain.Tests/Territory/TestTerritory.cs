using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Tests.Territory;

/// <summary>
/// A small hand-made territory: Occitanie (sectors OUEST 31/32 and NORD 12) and Corse (sector CORSE, 2A),
/// so that cross-sector and cross-region cases can be tested.
/// </summary>
internal static class TestTerritory
{
    public const string ChuToulouse = "310781406";
    public const string CliniqueToulouse = "310000001";
    public const string ChAuch = "320000001";
    public const string ChRodez = "120000001";
    public const string ChAjaccio = "2A0000001";

    public static EstablishmentInfo Est(string id, string name, string dept, params (string Id, string Category)[] units) =>
        new(id, name, "CH", dept, 43.6, 1.4, EmergencyDepartment: true,
            units.Select(u => new UnitInfo(u.Id, u.Id.ToUpperInvariant(), u.Category)).ToList());

    public static TerritoryDocument Document { get; } = new(
    [
        new RegionInfo("OCC", "Occitanie",
        [
            new SectorInfo("OUEST", "Ouest",
            [
                new DepartmentInfo("31", "Haute-Garonne", 1_400_000,
                [
                    Est(ChuToulouse, "CHU Toulouse", "31", ("med-polyvalente", "MED"), ("rea", "REA")),
                    Est(CliniqueToulouse, "Clinique Toulouse", "31", ("chir", "CHIR")),
                ]),
                new DepartmentInfo("32", "Gers", 190_000, [Est(ChAuch, "CH Auch", "32", ("med", "MED"))]),
            ]),
            new SectorInfo("NORD", "Nord",
            [
                new DepartmentInfo("12", "Aveyron", 280_000, [Est(ChRodez, "CH Rodez", "12", ("med", "MED"))]),
            ]),
        ]),
        new RegionInfo("COR", "Corse",
        [
            new SectorInfo("CORSE", "Corse",
            [
                new DepartmentInfo("2A", "Corse-du-Sud", 160_000, [Est(ChAjaccio, "CH Ajaccio", "2A", ("med", "MED"))]),
            ]),
        ]),
    ], Version: 3);

    public static TerritoryCatalog Catalog { get; } = new(Document);

    public static ScopeRef Region(string id) => new(ScopeKind.Region, id);
    public static ScopeRef Sector(string id) => new(ScopeKind.Sector, id);
    public static ScopeRef Department(string code) => new(ScopeKind.Department, code);
    public static ScopeRef Establishment(string finess) => new(ScopeKind.Establishment, finess);
    public static ScopeRef Unit(string finess, string unit) => new(ScopeKind.Unit, Identifiers.UnitKey(finess, unit));
}
