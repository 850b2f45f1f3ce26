using BedCoord.Domain.Beds;
using BedCoord.Domain.Territory;

namespace BedCoord.Grains.Tests;

/// <summary>A hand-made territory small enough to reason about: 1 region, 2 sectors, 2 départements, 3 establishments.</summary>
public static class SmallTerritory
{
    public const string Region = "OCC";
    public const string EstA = "310000001";
    public const string EstB = "310000002";
    public const string EstC = "090000003";

    public static readonly BedFigures Start = new(Installed: 20, Closed: 0, Surge: 0, Occupied: 15, Reserved: 1, ExpectedDischarges: 2);

    public static TerritoryDocument Document() => new(
    [
        new RegionInfo(Region, "Occitanie",
        [
            new SectorInfo("OUEST", "Ouest",
            [
                new DepartmentInfo("31", "Haute-Garonne", 1_400_000,
                [
                    Establishment(EstA, "31", "med", "MED", "rea", "REA"),
                    Establishment(EstB, "31", "smr", "SMR"),
                ]),
            ]),
            new SectorInfo("SUD", "Sud",
            [
                new DepartmentInfo("09", "Ariège", 155_000, [Establishment(EstC, "09", "med", "MED", "chir", "CHIR")]),
            ]),
        ]),
    ], 0);

    public static IEnumerable<(string Finess, string Unit)> Units() =>
        Document().Regions.SelectMany(r => r.Sectors).SelectMany(s => s.Departments).SelectMany(d => d.Establishments)
            .SelectMany(e => e.Units.Select(u => (e.Id, u.Id)));

    private static EstablishmentInfo Establishment(string id, string dept, params string[] unitPairs) =>
        new(id, $"Établissement {id}", "CH", dept, 43.6, 1.44, true,
            unitPairs.Chunk(2).Select(p => new UnitInfo(p[0], p[0], p[1])).ToList());
}
