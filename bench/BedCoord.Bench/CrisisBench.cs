using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace BedCoord.Bench;

/// <summary>
/// `crisis` (issue 10): 1) appending to a main courante while 500 unit PUTs/s load the grid (p99 of an append);
/// 2) filling one main courante to 10,000 entries through the API, then timing its verify; 3) the cell page's live
/// update with 50 declarations in force, measured at the hub client (what the page does, without a browser): a new
/// declaration's 201 → the "crisis" push the page listens to, then the two reads the page makes on it (GET …/cell and
/// GET …/logbook?limit=500), which the page starts 300 ms after the push (its debounce, added to the total).
/// </summary>
public static class CrisisBench
{
    private const string Json = "application/json";

    public static async Task<int> RunAsync(Options o, int chainEntries)
    {
        await using var stack = await Stack.StartPostgresAsync();
        // No demo crisis: the declarations in force are the bench's 50 alone.
        await stack.StartServerAsync("bedcoord_crisis", new Dictionary<string, string> { ["Demo:Crisis"] = "false" });
        var http = stack.Admin!;
        var server = stack.Server!;
        var units = stack.Units;

        // ---- 1. Appends under the 500/s load ----
        Console.WriteLine($"[crisis] loadavg before: {Machine.LoadAverage()}");
        using (var load = new CancellationTokenSource())
        {
            var background = Background(http, units, o.OpenRate, load.Token);
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(o.WarmupSeconds, 15)));
            var append = new Samples(); var ok = 0; var errors = new ConcurrentDictionary<string, int>();
            var inflight = new ConcurrentBag<Task>();
            var sa = ProcSnapshot.Of(server.Id);
            var (fired, lag) = await OpenLoop.RunAsync(AppendRate, TimeSpan.FromSeconds(o.OpenSeconds * 2), i => inflight.Add(Task.Run(async () =>
            {
                var t0 = Stopwatch.GetTimestamp();
                var outcome = await PostAsync(http, "/api/departments/31/logbook", Entry($"Information n°{i} reçue du SAMU pendant la charge"));
                if (outcome == 201) { append.AddTicks(Stopwatch.GetTimestamp() - t0); Interlocked.Increment(ref ok); }
                else errors.AddOrUpdate(outcome.ToString(), 1, (_, n) => n + 1);
            })));
            await Task.WhenAll(inflight);
            var sb = ProcSnapshot.Of(server.Id);
            load.Cancel();
            var (puts, putErrors, putLatency) = await background;
            Console.WriteLine($"[crisis] appends to /api/departments/31/logbook, open loop {AppendRate}/s for {o.OpenSeconds * 2} s (fired {fired}, max lag {lag:F1} ms) " +
                              $"while unit PUTs run open loop at {o.OpenRate}/s:");
            Console.WriteLine($"[crisis]   append 201 latency {append.Describe()} (ok={ok}{(errors.IsEmpty ? "" : ", errors " + string.Join(",", errors.Select(e => $"{e.Key}×{e.Value}")))})");
            Console.WriteLine($"[crisis]   background PUTs: {puts} ok ({puts / (o.OpenSeconds * 2 + Math.Min(o.WarmupSeconds, 15.0)):F0}/s over the phase), errors {putErrors}; PUT latency {putLatency.Describe()}");
            Console.WriteLine($"[crisis]   server CPU {sb.CpuPercentSince(sa):F0} % of one core; loadavg {Machine.LoadAverage()}");
        }
        var verifyAfterLoad = await TimedAsync(() => http.GetStringAsync("/api/departments/31/logbook/verify"));
        Console.WriteLine($"[crisis]   chain of 31 after the load verifies: {Valid(verifyAfterLoad.Body)} ({verifyAfterLoad.Ms:F0} ms)");

        // ---- 2. A 10,000-entry chain, verified ----
        var chain = "/api/departments/46/logbook";
        var fill = Stopwatch.StartNew();
        var next = 0; var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= chainEntries)
                if (await PostAsync(http, chain, Entry($"Entrée {next} : point téléphonique avec un établissement du Lot")) != 201) Interlocked.Increment(ref failed);
        })));
        Console.WriteLine($"[crisis] {chainEntries} entries appended to {chain} by 16 workers in {fill.Elapsed.TotalSeconds:F1} s ({chainEntries / fill.Elapsed.TotalSeconds:F0}/s), failed {failed}");
        var verify = new Samples(); string? last = null;
        for (var i = 0; i < 5; i++)
        {
            var (ms, body) = await TimedAsync(() => http.GetStringAsync(chain + "/verify"));
            verify.Add(ms); last = body;
        }
        Console.WriteLine($"[crisis]   GET {chain}/verify ×5: {verify.Describe()}; answer {Trim(last!)}");

        // ---- 3. The cell page's live update with 50 declarations in force ----
        var establishments = units.Select(u => u.Finess).Distinct().ToList();
        var inForce = establishments.Take(50).ToList();
        foreach (var finess in inForce)
            if (await PostAsync(http, $"/api/establishments/{finess}/declarations", """{"level":"crise","reason":"Plan blanc (banc d'essai)"}""") != 201)
                throw new InvalidOperationException($"declaration on {finess} refused");
        var overview = await TimedAsync(() => http.GetStringAsync("/api/regions/OCC/cell"));
        Console.WriteLine($"[crisis] 50 declarations in force; GET /api/regions/OCC/cell lists {Count(overview.Body, "declarations")} ({overview.Ms:F0} ms, {overview.Body.Length / 1024} KiB)");

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/board"), c => c.AccessTokenProvider = () => Task.FromResult<string?>(stack.AdminToken))
            .Build();
        var notices = new ConcurrentQueue<(long At, string Scope)>();
        hub.On<JsonElement>("crisis", n => notices.Enqueue((Stopwatch.GetTimestamp(), n.GetProperty("scope").GetString() ?? "")));
        await hub.StartAsync();
        await hub.InvokeAsync("Subscribe", "region:OCC");

        foreach (var (label, rate) in new[] { ("idle grid", 0.0), ($"{o.OpenRate}/s unit PUTs", o.OpenRate) })
        {
            using var load = new CancellationTokenSource();
            var background = rate > 0 ? Background(http, units, rate, load.Token) : null;
            if (background is not null) await Task.Delay(TimeSpan.FromSeconds(5));
            var push = new Samples(); var reads = new Samples(); var total = new Samples(); var missing = 0;
            var refused = new ConcurrentDictionary<string, int>();
            foreach (var finess in establishments.Skip(50 + (rate > 0 ? Probes : 0)).Take(Probes))
            {
                var scope = $"establishment:{finess}";
                var t0 = Stopwatch.GetTimestamp();
                // Under a saturated machine a probe can time out (-1): counted, not fatal.
                if (await PostAsync(http, $"/api/establishments/{finess}/declarations", """{"level":"crise","reason":"Plan blanc (sonde)"}""") is var status and not 201)
                {
                    refused.AddOrUpdate(status.ToString(), 1, (_, n) => n + 1);
                    continue;
                }
                var at = await FirstNoticeAsync(notices, scope, t0);
                if (at is not { } pushed) { missing++; continue; }
                var r0 = Stopwatch.GetTimestamp();
                var both = await Task.WhenAll(http.GetStringAsync("/api/regions/OCC/cell"), http.GetStringAsync("/api/regions/OCC/logbook?limit=500"));
                var r1 = Stopwatch.GetTimestamp();
                if (!both[0].Contains(finess)) missing++;
                push.AddTicks(pushed - t0); reads.AddTicks(r1 - r0);
                total.Add((pushed - t0 + (r1 - r0)) * 1000.0 / Stopwatch.Frequency + 300);
                await Task.Delay(200);
            }
            load.Cancel();
            if (background is not null) await background;
            Console.WriteLine($"[cell] {label}, 50 declarations in force, {Probes} probe declarations:");
            Console.WriteLine($"[cell]   201 -> 'crisis' push at a region:OCC hub client {push.Describe()}");
            Console.WriteLine($"[cell]   the page's reads on a push (GET cell + GET logbook?limit=500, in parallel) {reads.Describe()}");
            Console.WriteLine($"[cell]   live update = push + 300 ms debounce + reads {total.Describe()} (missing {missing}{(refused.IsEmpty ? "" : ", probes refused " + string.Join(",", refused.Select(r => $"{r.Key}×{r.Value}")))})");
        }
        Console.WriteLine($"[crisis] loadavg after: {Machine.LoadAverage()}");
        return 0;
    }

    private const double AppendRate = 20;
    private const int Probes = 15;

    private static string Entry(string text) => JsonSerializer.Serialize(new { kind = "info-in", text, source = "banc d'essai", check = "to-verify" });

    private static async Task<int> PostAsync(HttpClient http, string path, string json)
    {
        try
        {
            using var r = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, Json));
            return (int)r.StatusCode;
        }
        catch (Exception) { return -1; }
    }

    /// <summary>Unit PUTs at a fixed rate until cancelled: (ok, errors, latency).</summary>
    private static async Task<(int Ok, int Errors, Samples Latency)> Background(HttpClient http, IReadOnlyList<UnitRef> units, double rate, CancellationToken ct)
    {
        var latency = new Samples(); var ok = 0; var errors = 0;
        var inflight = new ConcurrentBag<Task>();
        await Task.Yield();
        await OpenLoop.RunAsync(rate, TimeSpan.FromHours(1), _ => inflight.Add(Task.Run(async () =>
        {
            var rng = Random.Shared;
            var t0 = Stopwatch.GetTimestamp();
            try
            {
                using var r = await http.SendAsync(Figures.Put(units[rng.Next(units.Count)], Figures.Random(rng, 40)));
                if ((int)r.StatusCode == 200) { Interlocked.Increment(ref ok); latency.AddTicks(Stopwatch.GetTimestamp() - t0); }
                else Interlocked.Increment(ref errors);
            }
            catch (Exception) { Interlocked.Increment(ref errors); }
        })), ct);
        await Task.WhenAll(inflight);
        return (ok, errors, latency);
    }

    private static async Task<long?> FirstNoticeAsync(ConcurrentQueue<(long At, string Scope)> notices, string scope, long after)
    {
        var deadline = Stopwatch.GetTimestamp() + 10 * Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            foreach (var n in notices)
                if (n.Scope == scope && n.At >= after) return n.At;
            await Task.Delay(2);
        }
        return null;
    }

    private static async Task<(double Ms, string Body)> TimedAsync(Func<Task<string>> read)
    {
        var t0 = Stopwatch.GetTimestamp();
        var body = await read();
        return ((Stopwatch.GetTimestamp() - t0) * 1000.0 / Stopwatch.Frequency, body);
    }

    private static string Valid(string verify) => JsonDocument.Parse(verify).RootElement.GetProperty("valid").GetBoolean() ? "valid" : "INVALID";

    private static int Count(string json, string property) => JsonDocument.Parse(json).RootElement.GetProperty(property).GetArrayLength();

    private static string Trim(string s) => s.Length > 240 ? s[..240] + "…" : s;
}
