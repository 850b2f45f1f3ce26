using System.Globalization;
using BedCoord.Domain.Beds;

namespace BedCoord.Domain.Import;

/// <summary>
/// Reads the bundled reference data (data/README.md: DREES SAE 2023 establishments, INSEE populations)
/// into an import document, with demo units derived from each establishment's capacities.
/// </summary>
public static class SaeDataset
{
    public const string EstablishmentsFile = "occitanie-etablissements.csv";
    public const string DepartmentsFile = "departements.csv";

    private static readonly (string Id, string Name)[] Sectors = [("NORD", "Nord"), ("EST", "Est"), ("SUD", "Sud"), ("OUEST", "Ouest")];

    public static TerritoryImport Load(string dataDirectory, string regionId = "OCC", string regionName = "Occitanie")
    {
        using var deptReader = File.OpenText(Path.Combine(dataDirectory, DepartmentsFile));
        var departments = Csv.ReadRecords(deptReader).ToList();
        using var estReader = File.OpenText(Path.Combine(dataDirectory, EstablishmentsFile));
        var establishments = Csv.ReadRecords(estReader).ToList();

        var sectors = Sectors.Select(sector => new SectorImport(sector.Id, sector.Name,
            departments.Where(d => SectorId(d["secteur"]) == sector.Id).OrderBy(d => d["code"], StringComparer.Ordinal)
                .Select(d => new DepartmentImport(d["code"], d["nom"], Int(d["population"]),
                    establishments.Where(e => e["departement"] == d["code"]).Select(ToEstablishment).ToList()))
                .ToList())).ToList();
        return new TerritoryImport([new RegionImport(regionId, regionName, sectors)]);
    }

    /// <summary>Yearly ED attendances (SAE 2023) of each establishment with an emergency department, by FINESS.</summary>
    public static IReadOnlyDictionary<string, int> EmergencyAttendances(string dataDirectory)
    {
        using var reader = File.OpenText(Path.Combine(dataDirectory, EstablishmentsFile));
        return Csv.ReadRecords(reader)
            .Where(row => row["urgences"] == "1")
            .ToDictionary(row => row["finess_et"], row => Int(row["passages_urgences_2023"]) ?? 0);
    }

    private static string SectorId(string secteur) => secteur.Trim().ToUpperInvariant();

    private static EstablishmentImport ToEstablishment(IReadOnlyDictionary<string, string> row)
    {
        var capacities = new SaeCapacities(
            Mco: Int(row["lits_mco"]) ?? 0,
            CriticalCare: Int(row["lits_soins_critiques"]) ?? 0,
            Reanimation: Int(row["lits_reanimation"]) ?? 0,
            Smr: Int(row["lits_smr"]) ?? 0,
            Psy: Int(row["lits_psy"]) ?? 0,
            Had: Int(row["places_had"]) ?? 0,
            Usld: Int(row["lits_usld"]) ?? 0,
            EmergencyDepartment: row["urgences"] == "1",
            EmergencyAttendances: Int(row["passages_urgences_2023"]) ?? 0);
        var finess = row["finess_et"];
        return new EstablishmentImport(finess, row["nom"], row["categorie"],
            Double(row["latitude"]), Double(row["longitude"]), capacities.EmergencyDepartment,
            DemoUnits.For(finess, capacities).ToList());
    }

    private static int? Int(string s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
    private static double? Double(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}

/// <summary>The SAE capacity columns that demo units are derived from.</summary>
public sealed record SaeCapacities(int Mco, int CriticalCare, int Reanimation, int Smr, int Psy, int Had, int Usld,
    bool EmergencyDepartment, int EmergencyAttendances);
