using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BedCoord.Persistence;
using Microsoft.AspNetCore.SignalR.Client;

namespace BedCoord.Bench;

/// <summary>
/// `updates`: pgbench simple-update tps on the same PostgreSQL as the baseline, then durable PUT throughput
/// (closed loop), then PUT → region visibility at a fixed open-loop rate.
/// </summary>
public static class Updates
{
    public static async Task<int> RunAsync(Options o)
    {
        await using var stack = await Stack.StartPostgresAsync();

        var tps = await Pgbench.BaselineAsync(stack, o.PgbenchSeconds);

        // ---- The server on another database of the same PostgreSQL ----
        await stack.StartServerAsync("bedcoord_bench");
        var server = stack.Server!;
        var units = stack.Units;
        var logLinesAtStart = LineCount(server.Log);

        // ---- 1. Sustained durable PUTs, closed loop ----
        Console.WriteLine($"[updates] loadavg before: {Machine.LoadAverage()}");
        var http = stack.Admin!;
        var loop = await ClosedLoop.PutsAsync(server, http, units, o);
        var rate = loop.Rate;
        Console.WriteLine($"[updates] closed loop, {o.Workers} workers (HTTP/1.1 keep-alive, SocketsHttpHandler pool {o.Workers}), {o.WarmupSeconds} s warm-up, {o.MeasureSeconds} s measured, random units, no If-Match:");
        Console.WriteLine($"[updates]   200/s = {rate:F1}  (ok={loop.Ok}, errors={loop.Errors}{loop.ErrorSummary})");
        Console.WriteLine($"[updates]   PUT latency {loop.Latency.Describe()}");
        Console.WriteLine($"[updates]   ratio vs pgbench tps = {rate / tps:F3}  (target >= 1.5: {(rate >= 1.5 * tps ? "MET" : "MISSED")})");
        Console.WriteLine($"[updates]   {loop.Cpu}");

        // ---- 2. PUT -> region visibility at a fixed open-loop rate ----
        // Every unit gets installed = 40; background PUTs then change everything but 'installed', and one probe unit
        // changes 'installed' to strictly increasing values, so the region's installed total tells which probe it includes.
        Console.WriteLine($"[updates] loadavg after: {Machine.LoadAverage()}");
        var probe = units[0];
        var others = units.Skip(1).ToList();
        await ForEachAsync(units, 64, async (u, rng) => { using var r = await http.SendAsync(Figures.Put(u, Figures.Random(rng, 40))); r.EnsureSuccessStatusCode(); });
        // The region hears of the last PUTs a few milliseconds after their 200: read it once it has settled.
        var baseInstalled = await SettledRegionInstalledAsync(http) - 40;

        await using var watch = await RegionWatch.StartAsync(server.BaseAddress, stack.AdminToken!);
        var pushes = watch.Pushes;

        Console.WriteLine($"[region] loadavg before: {Machine.LoadAverage()}");
        var rateOpen = o.OpenRate;
        var probeEvery = Math.Max(1, (int)(rateOpen / o.ProbeRate));
        var putLatency = new Samples(); var openOk = 0; var openErr = 0; var openErrKinds = new ConcurrentDictionary<string, int>();
        var probes = new ConcurrentBag<(int Value, long T200)>();
        var getVisible = new Samples(); var firstGetShows = 0; var getNeverShows = 0; var getFailed = 0;
        var inflight = new ConcurrentBag<Task>();
        var probeSeq = 0;
        var sa = ProcSnapshot.Of(server.Id); var ma = MachineCpu.Now();
        var (fired, maxLag) = await OpenLoop.RunAsync(rateOpen, TimeSpan.FromSeconds(o.OpenSeconds), i =>
        {
            inflight.Add(Task.Run(async () =>
            {
                var rng = Random.Shared;
                var isProbe = i % probeEvery == 0;
                var value = isProbe ? 41 + Interlocked.Increment(ref probeSeq) : 40;
                var unit = isProbe ? probe : others[rng.Next(others.Count)];
                var t0 = Stopwatch.GetTimestamp();
                string outcome;
                try
                {
                    using var response = await http.SendAsync(Figures.Put(unit, Figures.Random(rng, value)));
                    outcome = ((int)response.StatusCode).ToString();
                }
                catch (Exception e) { outcome = e.GetType().Name; }
                var t200 = Stopwatch.GetTimestamp();
                if (outcome != "200") { Interlocked.Increment(ref openErr); openErrKinds.AddOrUpdate(outcome, 1, (_, n) => n + 1); return; }
                Interlocked.Increment(ref openOk); putLatency.AddTicks(t200 - t0);
                if (!isProbe) return;
                probes.Add((value, t200));
                // Method A: GET the region right after the 200, again until it includes this probe (or something newer).
                var expected = baseInstalled + value;
                for (var attempt = 0; ; attempt++)
                {
                    int seen;
                    // On a saturated machine a GET can time out: counted, not fatal to the run.
                    try { seen = await RegionInstalledAsync(http); }
                    catch (Exception) { Interlocked.Increment(ref getFailed); break; }
                    if (seen >= expected)
                    {
                        getVisible.AddTicks(Stopwatch.GetTimestamp() - t200);
                        if (attempt == 0) Interlocked.Increment(ref firstGetShows);
                        break;
                    }
                    if (Stopwatch.GetTimestamp() - t200 > 2 * Stopwatch.Frequency) { Interlocked.Increment(ref getNeverShows); break; }
                }
            }));
        });
        await Task.WhenAll(inflight);
        var sb = ProcSnapshot.Of(server.Id); var mb = MachineCpu.Now();
        await Task.Delay(1000);

        // Method B: the first push (snapshot or delta) of region:OCC whose installed total includes the probe, relative to its 200.
        var pushList = pushes.ToArray();
        var pushLatency = new Samples(); var pushBefore200 = 0; var pushMissing = 0;
        foreach (var (value, t200) in probes)
        {
            var expected = baseInstalled + value;
            var hit = pushList.FirstOrDefault(p => p.Installed >= expected);
            if (hit.At == 0) { pushMissing++; continue; }
            if (hit.At < t200) pushBefore200++;
            pushLatency.AddTicks(Math.Max(0, hit.At - t200));
        }
        var seconds = sb.ElapsedSince(sa);
        Console.WriteLine($"[region] open loop {rateOpen}/s for {o.OpenSeconds} s (fired {fired}, max scheduler lag {maxLag:F1} ms), probes every {probeEvery}th PUT ({probes.Count} probes):");
        Console.WriteLine($"[region]   achieved 200/s = {openOk / seconds:F1} (ok={openOk}, errors={openErr}{(openErrKinds.IsEmpty ? "" : " " + string.Join(",", openErrKinds.Select(kv => kv.Key + "×" + kv.Value)))}); PUT latency {putLatency.Describe()}");
        Console.WriteLine($"[region]   A) GET /api/regions/OCC right after the 200: first GET already includes it for {firstGetShows}/{probes.Count}; 200 -> GET answer that includes it {getVisible.Describe()}; never within 2 s: {getNeverShows}; GET failed: {getFailed}");
        Console.WriteLine($"[region]   B) SignalR region:OCC push (snapshot or delta): 200 -> first push including it {pushLatency.Describe()} (pushes arriving before the 200 count as 0: {pushBefore200}; never: {pushMissing}; {pushList.Length} pushes received = {pushList.Length / (seconds + 1):F1}/s)");
        Console.WriteLine($"[region]   target p99 < 20 ms: A {(getVisible.P(99) < 20 ? "MET" : "MISSED")}, B {(pushLatency.P(99) < 20 ? "MET" : "MISSED")}");
        Console.WriteLine($"[region]   server CPU {sb.CpuPercentSince(sa):F0} % of one core ({sb.CpuSecondsSince(sa) * 1000 / Math.Max(1, openOk):F2} ms CPU per 200), machine CPU busy {mb.BusyPercentSince(ma):F0} %");

        var final = ProcSnapshot.Of(server.Id);
        var logLines = LineCount(server.Log) - logLinesAtStart;
        Console.WriteLine($"[server] peak RSS (VmHWM) {final.HwmKb / 1024} MiB, RSS now {final.RssKb / 1024} MiB; log lines written during the load: {logLines}{(LineCount(server.Log) >= 2000 ? " (log buffer full: at least this many)" : "")}");
        foreach (var line in server.Log.Split('\n').TakeLast(3)) Console.WriteLine($"[server]   last log: {Trim(line)}");
        return 0;
    }

    public static async Task<int> RegionInstalledAsync(HttpClient http)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/regions/OCC"));
        return doc.RootElement.GetProperty("beds").GetProperty("installed").GetInt32();
    }

    private static async Task<int> SettledRegionInstalledAsync(HttpClient http)
    {
        var (last, same) = (await RegionInstalledAsync(http), 0);
        while (same < 3)
        {
            await Task.Delay(50);
            var now = await RegionInstalledAsync(http);
            (last, same) = (now, now == last ? same + 1 : 0);
        }
        return last;
    }

    public static async Task ForEachAsync<T>(IReadOnlyList<T> items, int parallel, Func<T, Random, Task> action)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(w => Task.Run(async () =>
        {
            var rng = new Random(w + 1000);
            int i;
            while ((i = Interlocked.Increment(ref next)) < items.Count) await action(items[i], rng);
        })));
    }

    private static int LineCount(string s) => s.Length == 0 ? 0 : s.Count(c => c == '\n') + 1;
    private static string Trim(string s) => s.Length > 200 ? s[..200] + "…" : s;
}

/// <summary>The part of a pushed summary the bench needs; the rest of the JSON is skipped, not materialised.</summary>
public sealed class SummaryLite
{
    public string? Id { get; set; }
    public long Revision { get; set; }
    public BedsLite? Beds { get; set; }
}

public sealed class BedsLite
{
    public int Installed { get; set; }
    public int Closed { get; set; }
    public int Surge { get; set; }
    public int Occupied { get; set; }
    public int Reserved { get; set; }
    public int ExpectedDischarges { get; set; }
    public override string ToString() => $"{Installed}/{Closed}/{Surge}/{Occupied}/{Reserved}/{ExpectedDischarges}";
}
