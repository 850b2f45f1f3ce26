using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BedCoord.Bench;

/// <summary>
/// `exchange` (issue 12 bench), on the Occitanie demo territory: (1) `GET /fhir/r4/Location?address-postalcode={dept}` of the
/// largest département in one page and (2) the EDXL-HAVE export of the region, each at <see cref="ExchangeOptions.Readers"/>
/// concurrent readers in a closed loop; (3) unit updates per second through FHIR transaction Bundles of 50 Locations vs
/// JSON PUTs, same number of workers, each worker on its own units (no write conflicts).
/// </summary>
public static class ExchangeBench
{
    public sealed record ExchangeOptions(int Readers = 20, int Writers = 8, int WarmupSeconds = 10, int MeasureSeconds = 30, int BundleSize = 50)
    {
        public static ExchangeOptions Parse(string[] args)
        {
            var o = args.Contains("--quick") ? new ExchangeOptions(WarmupSeconds: 2, MeasureSeconds: 4) : new ExchangeOptions();
            int Int(string name, int fallback) => args.FirstOrDefault(a => a.StartsWith($"--{name}=")) is { } a ? int.Parse(a[(name.Length + 3)..]) : fallback;
            return o with
            {
                Readers = Int("readers", o.Readers), Writers = Int("writers", o.Writers), WarmupSeconds = Int("warmup", o.WarmupSeconds),
                MeasureSeconds = Int("seconds", o.MeasureSeconds), BundleSize = Int("bundle", o.BundleSize),
            };
        }
    }

    public static async Task<int> RunAsync(ExchangeOptions o)
    {
        await using var stack = await Stack.StartPostgresAsync();
        await stack.StartServerAsync("bedcoord_exchange");
        var http = stack.Admin!;
        var largest = stack.Units.GroupBy(u => u.Department).MaxBy(g => g.Count())!;
        Console.WriteLine($"[exchange] {o.Readers} readers / {o.Writers} writers, {o.WarmupSeconds} s warm-up, {o.MeasureSeconds} s measured per phase; loadavg {Machine.LoadAverage()}");

        await ReadAsync($"GET /fhir/r4/Location?address-postalcode={largest.Key}&_count=500 (département {largest.Key}, {largest.Count()} units)", http, o,
            $"/fhir/r4/Location?address-postalcode={largest.Key}&_count=500", body => $"{JsonDocument.Parse(body).RootElement.GetProperty("entry").GetArrayLength()} entries");
        await ReadAsync("GET /api/exports/have?scope=region/OCC", http, o, "/api/exports/have?scope=region/OCC",
            body => $"{body.Split("<have:Hospital>").Length - 1} hospitals");

        var shares = stack.Units.Select((u, i) => (u, i)).GroupBy(x => x.i % o.Writers, x => x.u).Select(g => g.ToList()).ToList();
        var puts = await WriteAsync("JSON PUT …/beds (1 unit per request)", stack, o, shares, async (worker, rng) =>
        {
            var unit = worker[rng.Next(worker.Count)];
            using var response = await http.SendAsync(Figures.Put(unit, Figures.Random(rng)));
            return ((int)response.StatusCode, 1);
        });
        var locations = await LocationsAsync(http, stack.Units);
        var bundles = await WriteAsync($"FHIR POST /fhir/r4 transaction of {o.BundleSize} Locations", stack, o, shares, async (worker, rng) =>
        {
            var chosen = worker.OrderBy(_ => rng.Next()).Take(o.BundleSize).ToList();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/r4")
            {
                Content = new StringContent(Transaction(chosen.Select(u => locations[$"{u.Finess}-{u.UnitId}"]), rng), Encoding.UTF8, "application/fhir+json"),
            };
            using var response = await http.SendAsync(request);
            return ((int)response.StatusCode, chosen.Count);
        });
        Console.WriteLine($"[exchange] unit updates/s: FHIR transactions {bundles:F0} vs JSON PUT {puts:F0} (ratio {bundles / Math.Max(1, puts):F2})");
        Console.WriteLine($"[exchange] loadavg after: {Machine.LoadAverage()}");
        return 0;
    }

    private static async Task ReadAsync(string name, HttpClient http, ExchangeOptions o, string url, Func<string, string> describe)
    {
        var first = await http.GetStringAsync(url);
        var samples = new Samples();
        var errors = 0; var bytes = 0L;
        var windowStart = Stopwatch.GetTimestamp() + (long)(o.WarmupSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(o.MeasureSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, o.Readers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= windowEnd) return;
                var ok = false; var length = 0;
                try
                {
                    using var response = await http.GetAsync(url);
                    length = (await response.Content.ReadAsByteArrayAsync()).Length;
                    ok = response.IsSuccessStatusCode;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                var t1 = Stopwatch.GetTimestamp();
                if (t0 < windowStart || t1 > windowEnd) continue;
                if (ok) { samples.AddTicks(t1 - t0); Interlocked.Add(ref bytes, length); } else Interlocked.Increment(ref errors);
            }
        })));
        Console.WriteLine($"[exchange] {name}: {describe(first)}, {bytes / Math.Max(1, samples.Count) / 1024} KiB each; {o.Readers} readers: " +
            $"{samples.Count / (double)o.MeasureSeconds:F1} req/s, {samples.Describe()}, errors {errors}");
    }

    private static async Task<double> WriteAsync(string name, Stack stack, ExchangeOptions o, List<List<UnitRef>> shares,
        Func<List<UnitRef>, Random, Task<(int Status, int Units)>> send)
    {
        var samples = new Samples();
        var units = 0; var errorKinds = new ConcurrentDictionary<int, int>();
        var windowStart = Stopwatch.GetTimestamp() + (long)(o.WarmupSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(o.MeasureSeconds * Stopwatch.Frequency);
        // The server's CPU over the measured window: snapshots at its start and end, whatever the requests in flight.
        var cpu = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(o.WarmupSeconds));
            var start = ProcSnapshot.Of(stack.Server!.Id);
            await Task.Delay(TimeSpan.FromSeconds(o.MeasureSeconds));
            return ProcSnapshot.Of(stack.Server!.Id).CpuPercentSince(start);
        });
        await Task.WhenAll(shares.Select((worker, w) => Task.Run(async () =>
        {
            var rng = new Random(w * 7919 + 17);
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= windowEnd) return;
                var (status, count) = await send(worker, rng);
                var t1 = Stopwatch.GetTimestamp();
                if (t0 < windowStart || t1 > windowEnd) continue;
                if (status == 200) { samples.AddTicks(t1 - t0); Interlocked.Add(ref units, count); }
                else errorKinds.AddOrUpdate(status, 1, (_, n) => n + 1);
            }
        })));
        var rate = units / (double)o.MeasureSeconds;
        var errors = errorKinds.IsEmpty ? "none" : string.Join(",", errorKinds.Select(kv => $"{kv.Key}×{kv.Value}"));
        Console.WriteLine($"[exchange] {name}, {o.Writers} workers: {rate:F0} units/s ({samples.Count / (double)o.MeasureSeconds:F1} requests/s), " +
            $"latency {samples.Describe()}, errors {errors}, server CPU {await cpu:F0} % of one core (200 % = both cores)");
        return rate;
    }

    /// <summary>Every unit's Location as the server answers it, keyed by its id, to send back with new figures.</summary>
    private static async Task<Dictionary<string, JsonObject>> LocationsAsync(HttpClient http, IReadOnlyList<UnitRef> units)
    {
        var result = new Dictionary<string, JsonObject>();
        foreach (var finess in units.Select(u => u.Finess).Distinct())
        {
            var bundle = JsonNode.Parse(await http.GetStringAsync($"/fhir/r4/Location?organization={finess}&_count=500"))!;
            foreach (var entry in bundle["entry"]?.AsArray() ?? [])
                if (entry!["resource"] is JsonObject location && location["id"]!.GetValue<string>().StartsWith(finess + "-", StringComparison.Ordinal))
                    result[location["id"]!.GetValue<string>()] = location;
        }
        return result;
    }

    private const string Capacity = "https://interop.esante.gouv.fr/ig/fhir/ror/StructureDefinition/ror-location-supported-capacity";

    /// <summary>A transaction of the Locations with random valid figures: statuses 01/05/06/03/04 set, the derived 02 left out, no version.</summary>
    private static string Transaction(IEnumerable<JsonObject> locations, Random rng)
    {
        var entries = new JsonArray();
        foreach (var original in locations)
        {
            var location = (JsonObject)original.DeepClone();
            location.Remove("meta");
            var figures = JsonNode.Parse(Figures.Random(rng))!;
            var byStatus = new Dictionary<string, int>
            {
                ["01"] = figures["installed"]!.GetValue<int>(), ["05"] = figures["closed"]!.GetValue<int>(), ["06"] = figures["surge"]!.GetValue<int>(),
                ["03"] = figures["occupied"]!.GetValue<int>(), ["04"] = figures["reserved"]!.GetValue<int>(),
            };
            var extensions = location["extension"]!.AsArray();
            foreach (var record in extensions.Where(e => e!["url"]!.GetValue<string>() == Capacity).ToList())
            {
                var parts = record!["extension"]!.AsArray();
                var status = parts.First(p => p!["url"]!.GetValue<string>() == "capacityStatus")!["valueCodeableConcept"]!["coding"]![0]!["code"]!.GetValue<string>();
                if (!byStatus.TryGetValue(status, out var count)) { extensions.Remove(record); continue; }
                parts.First(p => p!["url"]!.GetValue<string>() == "nbCapacity")!["valueInteger"] = count;
            }
            entries.Add(new JsonObject
            {
                ["resource"] = location,
                ["request"] = new JsonObject { ["method"] = "PUT", ["url"] = $"Location/{location["id"]!.GetValue<string>()}" },
            });
        }
        return new JsonObject { ["resourceType"] = "Bundle", ["type"] = "transaction", ["entry"] = entries }.ToJsonString();
    }
}
