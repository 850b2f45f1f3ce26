using System.Text.Json;

namespace BedCoord.Bench;

/// <summary>Sizes of a synthetic national territory; the seed makes the same file every time.</summary>
public sealed record NationalSize(int Establishments = 3000, int Units = 60000, int Seed = 20261207, bool Initial = true)
{
    public static NationalSize Parse(IEnumerable<string> args)
    {
        var size = new NationalSize();
        foreach (var a in args)
        {
            if (a.StartsWith("--establishments=")) size = size with { Establishments = int.Parse(a["--establishments=".Length..]) };
            else if (a.StartsWith("--units=")) size = size with { Units = int.Parse(a["--units=".Length..]) };
            else if (a.StartsWith("--seed=")) size = size with { Seed = int.Parse(a["--seed=".Length..]) };
            else if (a == "--no-initial") size = size with { Initial = false };
        }
        if (size.Establishments < FrenchTerritory.Departments.Count)
            throw new ArgumentException($"--establishments must be at least {FrenchTerritory.Departments.Count} (one per département)");
        if (size.Units < size.Establishments) throw new ArgumentException("--units must be at least --establishments (one per establishment)");
        return size;
    }
}

/// <summary>
/// A synthetic national territory in the import format (docs/IMPORT.md): the 18 real regions and 101 real
/// départements, establishments spread over départements by population (at least one each), units spread
/// over establishments with a skew (a few large sites, many small ones), every unit with a valid starting
/// state. Deterministic: one seeded Random drives everything, so two runs give byte-identical files.
/// Occitanie keeps the demo's sectors (NORD, SUD, EST, OUEST); other regions get sectors of up to four
/// départements, named after the region ("ARA-1"...). FINESS are synthetic: the département code, then
/// "9" and a sequence number (9 characters), so they do not collide with the demo's real ones.
/// </summary>
public static class NationalTerritory
{
    private static readonly Dictionary<string, string> OccitanieSectors = new()
    {
        ["09"] = "SUD", ["11"] = "SUD", ["66"] = "SUD", ["12"] = "NORD", ["46"] = "NORD", ["81"] = "NORD", ["82"] = "NORD",
        ["30"] = "EST", ["34"] = "EST", ["48"] = "EST", ["31"] = "OUEST", ["32"] = "OUEST", ["65"] = "OUEST",
    };

    // Unit categories and how often each appears (a typical general hospital's mix), with bed-count ranges.
    private static readonly (string Code, string Name, int Weight, int MinBeds, int MaxBeds)[] UnitKinds =
    [
        ("MED", "Médecine", 30, 12, 40), ("CHIR", "Chirurgie", 18, 10, 36), ("OBST", "Maternité", 5, 10, 30),
        ("PED", "Pédiatrie", 5, 8, 28), ("UHCD", "UHCD", 4, 4, 16), ("REA", "Réanimation", 4, 6, 20),
        ("USI", "Soins intensifs", 3, 4, 12), ("USC", "Surveillance continue", 3, 4, 12), ("SMR", "SMR", 12, 15, 50),
        ("PSY", "Psychiatrie", 8, 12, 30), ("HAD", "HAD", 2, 10, 60), ("USLD", "USLD", 3, 20, 40), ("EHPAD", "EHPAD", 3, 30, 80),
    ];

    public static int RegionCount => FrenchTerritory.Regions.Count;
    public static int DepartmentCount => FrenchTerritory.Departments.Count;

    /// <summary>Writes the whole import document as compact UTF-8 JSON.</summary>
    public static void Write(Stream output, NationalSize size)
    {
        var rng = new Random(size.Seed);
        var depts = FrenchTerritory.Departments;
        var estPerDept = Spread(size.Establishments, depts.Select(d => (double)d.Population).ToArray());
        var estWeights = Enumerable.Range(0, size.Establishments).Select(_ => Math.Exp(Gaussian(rng) * 0.9)).ToArray();
        var unitsPerEst = Spread(size.Units, estWeights);

        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        w.WriteStartArray("regions");
        var estIndex = 0;
        foreach (var (regionId, regionName) in FrenchTerritory.Regions)
        {
            w.WriteStartObject();
            w.WriteString("id", regionId);
            w.WriteString("name", regionName);
            w.WriteStartArray("sectors");
            var regionDepts = depts.Select((d, i) => (d, i)).Where(x => x.d.Region == regionId).ToList();
            var sectors = regionId == "OCC"
                ? regionDepts.GroupBy(x => OccitanieSectors[x.d.Code]).Select(g => (Id: g.Key, Name: Title(g.Key), Depts: g.ToList())).ToList()
                : regionDepts.Chunk(4).Select((c, n) => (Id: $"{regionId}-{n + 1}", Name: $"{regionName} secteur {n + 1}", Depts: c.ToList())).ToList();
            foreach (var sector in sectors)
            {
                w.WriteStartObject();
                w.WriteString("id", sector.Id);
                w.WriteString("name", sector.Name);
                w.WriteStartArray("departments");
                foreach (var (dept, di) in sector.Depts)
                {
                    w.WriteStartObject();
                    w.WriteString("code", dept.Code);
                    w.WriteString("name", dept.Name);
                    w.WriteNumber("population", dept.Population);
                    w.WriteStartArray("establishments");
                    for (var k = 0; k < estPerDept[di]; k++, estIndex++)
                        WriteEstablishment(w, rng, dept.Code, dept.Name, k, unitsPerEst[estIndex], size.Initial);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The document in memory (the bench posts it).</summary>
    public static byte[] Generate(NationalSize size)
    {
        using var buffer = new MemoryStream();
        Write(buffer, size);
        return buffer.ToArray();
    }

    private static void WriteEstablishment(Utf8JsonWriter w, Random rng, string deptCode, string deptName, int k, int units, bool initial)
    {
        var finess = (deptCode + "9").PadRight(3, '0')[..3] + (k + 1).ToString("D6");
        // The largest sites carry the emergency departments and the CHU/CH labels.
        var category = units >= 60 ? "CHU" : units >= 25 ? "CH" : rng.Next(3) switch { 0 => "CH", 1 => "ESPIC", _ => "CLINIQUE" };
        w.WriteStartObject();
        w.WriteString("id", finess);
        w.WriteString("name", $"{category} {deptName} {k + 1}");
        w.WriteString("category", category);
        w.WriteBoolean("emergencyDepartment", category != "CLINIQUE" && (units >= 15 || rng.Next(3) == 0));
        w.WriteStartArray("units");
        var counts = new Dictionary<string, int>();
        for (var u = 0; u < units; u++)
        {
            var kind = Pick(rng);
            var n = counts[kind.Code] = counts.GetValueOrDefault(kind.Code) + 1;
            w.WriteStartObject();
            w.WriteString("id", $"{kind.Code.ToLowerInvariant()}-{n}");
            w.WriteString("name", $"{kind.Name} {n}");
            w.WriteString("category", kind.Code);
            if (initial)
            {
                var installed = rng.Next(kind.MinBeds, kind.MaxBeds + 1);
                var closed = rng.Next(0, installed / 8 + 1);
                var open = installed - closed;
                var occupied = (int)(open * (0.70 + 0.28 * rng.NextDouble()));
                var reserved = rng.Next(0, Math.Min(2, open - occupied) + 1);
                w.WriteStartObject("initial");
                w.WriteNumber("installed", installed);
                w.WriteNumber("closed", closed);
                w.WriteNumber("surge", 0);
                w.WriteNumber("occupied", occupied);
                w.WriteNumber("reserved", reserved);
                w.WriteNumber("expectedDischarges", rng.Next(0, open / 6 + 1));
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static (string Code, string Name, int Weight, int MinBeds, int MaxBeds) Pick(Random rng)
    {
        var total = UnitKinds.Sum(k => k.Weight);
        var x = rng.Next(total);
        foreach (var k in UnitKinds)
        {
            if (x < k.Weight) return k;
            x -= k.Weight;
        }
        return UnitKinds[0];
    }

    /// <summary>Splits <paramref name="total"/> into one share per weight, each at least one (largest remainder).</summary>
    private static int[] Spread(int total, double[] weights)
    {
        var shares = Enumerable.Repeat(1, weights.Length).ToArray();
        var rest = total - weights.Length;
        var sum = weights.Sum();
        var exact = weights.Select(x => rest * x / sum).ToArray();
        for (var i = 0; i < shares.Length; i++) shares[i] += (int)exact[i];
        var left = total - shares.Sum();
        foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => exact[i] - Math.Floor(exact[i])).ThenBy(i => i).Take(left))
            shares[i]++;
        return shares;
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static string Title(string code) => code[..1] + code[1..].ToLowerInvariant();
}
