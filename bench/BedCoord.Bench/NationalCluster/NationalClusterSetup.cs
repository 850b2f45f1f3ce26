using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace BedCoord.Bench;

/// <summary>The national territory loaded into the running cluster, and what the run starts from.</summary>
public static class NationalClusterSetup
{
    /// <summary>
    /// The national file through silo 0, one request per region as in `history-reads` (the import merges): one request of
    /// 60,000 units answered 503 after 77 s on a loaded machine and left the regions' counts short.
    /// </summary>
    public static async Task ImportAsync(SiloSet silos, NationalSize size)
    {
        var document = NationalTerritory.Generate(size);
        using var admin = Stack.NewClient(silos[0]!.BaseAddress, silos.Token, 4);
        admin.Timeout = TimeSpan.FromMinutes(10);
        var load = Machine.LoadAverage();
        var all = Stopwatch.StartNew();
        await NationalImport.PerRegionAsync(admin, document, "import");
        Console.WriteLine($"[import] {size.Establishments} establishments / {size.Units} units ({document.Length / 1024.0 / 1024:F1} MiB), one request per region " +
                          $"through silo 0: {all.Elapsed.TotalSeconds:F1} s; loadavg before {load}");
    }

    /// <summary>Every unit with its region, as /api/territory lists them.</summary>
    public static async Task<List<(string Region, string Finess, string Unit)>> UnitsAsync(HttpClient http)
    {
        var units = new List<(string, string, string)>();
        await using var stream = await http.GetStreamAsync("/api/territory");
        using var doc = await JsonDocument.ParseAsync(stream);
        foreach (var region in doc.RootElement.GetProperty("regions").EnumerateArray())
        foreach (var sector in region.GetProperty("sectors").EnumerateArray())
        foreach (var dept in sector.GetProperty("departments").EnumerateArray())
        foreach (var est in dept.GetProperty("establishments").EnumerateArray())
        foreach (var unit in est.GetProperty("units").EnumerateArray())
            units.Add((region.GetProperty("id").GetString()!, est.GetProperty("id").GetString()!, unit.GetProperty("id").GetString()!));
        return units;
    }

    /// <summary>Waits until the regions' unit counts add up to the territory's (every unit reported up); the seconds it took.</summary>
    public static async Task<double> WaitAllReportedAsync(HttpClient http, IReadOnlyCollection<string> regions, int units)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromMinutes(5))
        {
            var total = 0;
            foreach (var region in regions)
            {
                try
                {
                    using var doc = JsonDocument.Parse(await http.GetStringAsync($"/api/regions/{region}"));
                    total += doc.RootElement.GetProperty("freshness").GetProperty("units").GetInt32();
                }
                catch (HttpRequestException) { }
            }
            if (total == units) return sw.Elapsed.TotalSeconds;
            await Task.Delay(500);
        }
        Console.WriteLine("[setup] WARNING: after 5 min the regions still do not count every imported unit; going on from the sums they show");
        return double.NaN;
    }

    /// <summary>
    /// Up to <paramref name="perRegion"/> units of each region, evenly spaced through its list (so spread over its
    /// départements and establishments), with their figures now.
    /// </summary>
    public static async Task<List<List<WrittenUnit>>> PickAndReadAsync(HttpClient http, List<(string Region, string Finess, string Unit)> all, int perRegion)
    {
        var picked = all.GroupBy(u => u.Region)
            .Select(g => { var list = g.ToList(); var step = Math.Max(1, list.Count / perRegion); return list.Where((_, i) => i % step == 0).Take(perRegion).ToList(); })
            .ToList();
        var byRegion = picked.Select(_ => new List<WrittenUnit>()).ToList();
        var flat = picked.SelectMany((list, r) => list.Select(u => (r, u))).ToList();
        var read = new WrittenUnit[flat.Count];
        await Updates.ForEachAsync(Enumerable.Range(0, flat.Count).ToList(), 16, async (i, _) =>
        {
            var (_, u) = flat[i];
            using var doc = JsonDocument.Parse(await http.GetStringAsync($"/api/establishments/{u.Finess}/units/{u.Unit}"));
            read[i] = new WrittenUnit(u.Region, u.Finess, u.Unit, BedInputs.Of(doc.RootElement.GetProperty("beds")));
        });
        for (var i = 0; i < flat.Count; i++) byRegion[flat[i].r].Add(read[i]);
        return byRegion;
    }

    public static async Task<Dictionary<string, BedInputs>> RegionSumsAsync(HttpClient http, IEnumerable<string> regions)
    {
        var sums = new Dictionary<string, BedInputs>();
        foreach (var region in regions)
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync($"/api/regions/{region}"));
            sums[region] = BedInputs.Of(doc.RootElement.GetProperty("beds"));
        }
        return sums;
    }

    /// <summary>Database size, audit trail size and rows, and the connections the silos hold, for the capacity plan.</summary>
    public static async Task<(long Database, long Audit, long AuditRows, int Connections)> StorageAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var cmd = db.CreateCommand("""
            SELECT pg_database_size(current_database()), pg_total_relation_size('bedcoord_audit'), (SELECT count(*) FROM bedcoord_audit),
                   (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()) - 1
            """);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), (int)reader.GetInt64(3));
    }

    /// <summary>
    /// Bytes per main courante entry (issue 10's logbook, kept for ever like the audit trail): <paramref name="count"/>
    /// entries of a typical length appended to one département, the table's size (heap, indexes, TOAST) before and after.
    /// </summary>
    public static async Task<string> LogbookBytesAsync(string connectionString, HttpClient http, string department, int count)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        async Task<long> SizeAsync()
        {
            await using var cmd = db.CreateCommand("SELECT pg_total_relation_size('bedcoord_logbook')");
            return (long)(await cmd.ExecuteScalarAsync())!;
        }
        var before = await SizeAsync();
        var failed = 0;
        await Updates.ForEachAsync(Enumerable.Range(0, count).ToList(), 8, async (i, _) =>
        {
            var json = JsonSerializer.Serialize(new { kind = "info-in", text = $"Point n°{i} : l'établissement signale 3 lits de réanimation ouverts, transferts possibles vers le CHU", source = "banc d'essai", check = "to-verify" });
            using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PostAsync($"/api/departments/{department}/logbook", content);
            if ((int)response.StatusCode != 201) Interlocked.Increment(ref failed);
        });
        var after = await SizeAsync();
        return $"{count - failed} main courante entries appended ({failed} refused): bedcoord_logbook +{(after - before) / 1024.0 / 1024:F2} MiB = {(after - before) / (double)Math.Max(1, count - failed):F0} bytes per entry";
    }
}
