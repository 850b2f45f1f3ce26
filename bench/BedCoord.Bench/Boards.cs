using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using BedCoord.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace BedCoord.Bench;

/// <summary>One simulated board: a SignalR connection subscribed to region:OCC and one département.</summary>
public sealed class Board
{
    public required HubConnection Connection { get; init; }
    public required string Department { get; init; }
    public readonly List<(long At, int Installed)> RegionPushes = new();
    public volatile SummaryLite? LastRegion;
    public volatile SummaryLite? LastDepartment;
    public long LastRegionAt, LastDepartmentAt;
    public long Deliveries;

    public void OnSummary(SummaryLite s)
    {
        Interlocked.Increment(ref Deliveries);
        if (s.Id == "OCC")
        {
            lock (RegionPushes) RegionPushes.Add((Stopwatch.GetTimestamp(), s.Beds?.Installed ?? -1));
            LastRegion = s; Volatile.Write(ref LastRegionAt, Stopwatch.GetTimestamp());
        }
        else if (s.Id == Department) { LastDepartment = s; Volatile.Write(ref LastDepartmentAt, Stopwatch.GetTimestamp()); }
    }
}

public static class Boards
{
    public static async Task<int> RunAsync(Options o)
    {
        var report = new List<string>();
        await using var stack = await Stack.StartPostgresAsync();
        await stack.StartServerAsync("bedcoord_boards");
        var server = stack.Server!;
        var http = stack.Admin!;
        var units = stack.Units;
        var probe = units[0];
        var others = units.Skip(1).ToList();
        var departments = units.Select(u => u.Department).Distinct().OrderBy(d => d).ToList();

        // Warm the write path, then installed = 40 everywhere (see Updates: the region's installed total identifies the probe).
        await Updates.ForEachAsync(units, 32, async (u, rng) => { using var r = await http.SendAsync(Figures.Put(u, Figures.Random(rng, 40))); r.EnsureSuccessStatusCode(); });
        var regionJson = await http.GetStringAsync("/api/regions/OCC");
        var baseInstalled = JsonDocument.Parse(regionJson).RootElement.GetProperty("beds").GetProperty("installed").GetInt32() - 40;
        var messageBytes = System.Text.Encoding.UTF8.GetByteCount(regionJson);
        Console.WriteLine($"[boards] region:OCC summary is {messageBytes} bytes of JSON");

        // 500 boards in this process.
        var viewerToken = await server.TokenAsync("viewer", sub: "bench-board");
        var boards = new Board[o.Boards];
        var sw = Stopwatch.StartNew();
        await Updates.ForEachAsync(Enumerable.Range(0, o.Boards).ToList(), 16, async (i, _) =>
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(server.BaseAddress, "/hubs/board"), c =>
                {
                    c.AccessTokenProvider = () => Task.FromResult<string?>(viewerToken);
                    c.Transports = HttpTransportType.WebSockets;
                    c.SkipNegotiation = true;
                })
                .Build();
            var board = new Board { Connection = connection, Department = departments[i % departments.Count] };
            connection.On<SummaryLite>("summary", board.OnSummary);
            await connection.StartAsync();
            await connection.InvokeAsync("Subscribe", "region:OCC");
            await connection.InvokeAsync("Subscribe", "department:" + board.Department);
            boards[i] = board;
        });
        Console.WriteLine($"[boards] {o.Boards} boards connected (WebSockets) and subscribed to region:OCC + one of {departments.Count} départements in {sw.Elapsed.TotalSeconds:F1} s");
        await Task.Delay(1000);

        var perClientRates = new Dictionary<double, double>();
        var probeSeq = 0;
        foreach (var rate in new[] { o.SlowRate, o.FastRate })
        {
            // 2 s unmeasured warm-up at the same rate (JIT, pools), background units only.
            var warm = new ConcurrentBag<Task>();
            await OpenLoop.RunAsync(rate, TimeSpan.FromSeconds(2), _ => warm.Add(Task.Run(async () =>
            {
                try { using var r = await http.SendAsync(Figures.Put(others[Random.Shared.Next(others.Count)], Figures.Random(Random.Shared, 40))); } catch { }
            })));
            await Task.WhenAll(warm);
            await Task.Delay(500);
            Console.WriteLine($"[boards {rate}/s] loadavg before: {Machine.LoadAverage()}");
            foreach (var b in boards) lock (b.RegionPushes) b.RegionPushes.Clear();
            var deliveries0 = boards.Sum(b => Interlocked.Read(ref b.Deliveries));
            var probeEvery = Math.Max(1, (int)(rate / o.ProbeRate));
            var probes = new ConcurrentBag<(int Value, long T200)>();
            var putLatency = new Samples(); var ok = 0; var errors = 0;
            var inflight = new ConcurrentBag<Task>();
            var s0 = ProcSnapshot.Of(server.Id); var self0 = ProcSnapshot.Self(); var m0 = MachineCpu.Now();
            var (fired, maxLag) = await OpenLoop.RunAsync(rate, TimeSpan.FromSeconds(o.BoardSeconds), i =>
            {
                inflight.Add(Task.Run(async () =>
                {
                    var rng = Random.Shared;
                    var isProbe = i % probeEvery == 0;
                    var value = isProbe ? 41 + Interlocked.Increment(ref probeSeq) : 40;
                    var unit = isProbe ? probe : others[rng.Next(others.Count)];
                    var t0 = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await http.SendAsync(Figures.Put(unit, Figures.Random(rng, value)));
                        var t200 = Stopwatch.GetTimestamp();
                        if ((int)response.StatusCode != 200) { Interlocked.Increment(ref errors); return; }
                        Interlocked.Increment(ref ok); putLatency.AddTicks(t200 - t0);
                        if (isProbe) probes.Add((value, t200));
                    }
                    catch { Interlocked.Increment(ref errors); }
                }));
            });
            await Task.WhenAll(inflight);
            var tEnd = Stopwatch.GetTimestamp();
            var s1 = ProcSnapshot.Of(server.Id); var self1 = ProcSnapshot.Self(); var m1 = MachineCpu.Now();
            var phaseSeconds = s1.ElapsedSince(s0);

            // Convergence: once quiet, read the latest region and département state and check what each board holds;
            // a board's time to the latest state = arrival of its last summary (if it is the latest) - the last 200.
            await Task.Delay(2000);
            var latestRegion = await ReadAsync(http, "/api/regions/OCC");
            var latestDepts = new Dictionary<string, SummaryLite>();
            foreach (var d in departments) latestDepts[d] = await ReadAsync(http, "/api/departments/" + d);
            var holdTimes = new Samples(); var notLatest = 0;
            foreach (var b in boards)
            {
                if (!Same(b.LastRegion, latestRegion) || !Same(b.LastDepartment, latestDepts[b.Department])) { notLatest++; continue; }
                holdTimes.AddTicks(Math.Max(0, Math.Max(Volatile.Read(ref b.LastRegionAt), Volatile.Read(ref b.LastDepartmentAt)) - tEnd));
            }
            var deliveries = boards.Sum(b => Interlocked.Read(ref b.Deliveries)) - deliveries0;

            // 200 -> first region push including the probe, per board.
            var latency = new Samples(); var before200 = 0; var missing = 0;
            var probeList = probes.ToArray();
            foreach (var b in boards)
            {
                (long At, int Installed)[] pushes;
                lock (b.RegionPushes) pushes = b.RegionPushes.ToArray();
                var prefixMax = new int[pushes.Length];
                for (var k = 0; k < pushes.Length; k++) prefixMax[k] = Math.Max(k == 0 ? int.MinValue : prefixMax[k - 1], pushes[k].Installed);
                foreach (var (value, t200) in probeList)
                {
                    var expected = baseInstalled + value;
                    var idx = LowerBound(prefixMax, expected);
                    if (idx >= pushes.Length) { missing++; continue; }
                    if (pushes[idx].At < t200) before200++;
                    latency.AddTicks(Math.Max(0, pushes[idx].At - t200));
                }
            }
            perClientRates[rate] = deliveries / (double)boards.Length / phaseSeconds;
            var line1 = $"[boards {rate}/s] open loop {o.BoardSeconds} s (fired {fired}, max scheduler lag {maxLag:F1} ms): 200s {ok} ({ok / phaseSeconds:F1}/s), errors {errors}, PUT latency {putLatency.Describe()}";
            var line2 = $"[boards {rate}/s] 200 -> board's region:OCC summary including it, across {boards.Length} boards × {probeList.Length} probes: {latency.Describe()}; pushes before the 200 (counted 0): {before200}; never delivered: {missing}";
            var line3 = $"[boards {rate}/s] deliveries {deliveries} = {deliveries / phaseSeconds:F0}/s ({perClientRates[rate]:F1}/s per board); boards holding the latest region+département state 2 s after the last 200: {boards.Length - notLatest}/{boards.Length}; last 200 -> board holds it: {holdTimes.Describe()}, within 150 ms: {holdTimes.FractionBelow(150) * 100:F1} %";
            var line4 = $"[boards {rate}/s] server CPU {s1.CpuPercentSince(s0):F0} % of one core ({s1.CpuPercentSince(s0) / Environment.ProcessorCount:F0} % of the machine), RSS {s1.RssKb / 1024} MiB (VmHWM {s1.HwmKb / 1024} MiB); bench process (500 clients) CPU {self1.CpuPercentSince(self0):F0} % of one core; machine CPU busy {m1.BusyPercentSince(m0):F0} %";
            foreach (var l in new[] { line1, line2, line3, line4 }) { Console.WriteLine(l); report.Add(l); }
        }

        foreach (var b in boards) await b.Connection.DisposeAsync();
        var serverLog = server.Log;

        // ---- Baseline: bare SignalR broadcast, same message size, same client count, same process layout on the client side ----
        Console.WriteLine($"[bare] in-process Kestrel + minimal Hub, {o.Boards} clients, broadcast of {messageBytes}-byte messages (BedCoord server idle)");
        await using (var bare = await BareBroadcast.StartAsync(o.Boards, messageBytes))
        {
            var fastEquivalent = Math.Round(perClientRates[o.FastRate], 1);
            foreach (var (label, rate) in new[] { ($"{o.SlowRate}/s", o.SlowRate), ($"{fastEquivalent}/s (= per-board delivery rate BedCoord achieved at {o.FastRate} updates/s)", fastEquivalent) })
            {
                var r = await bare.RunAsync(rate, TimeSpan.FromSeconds(o.BoardSeconds));
                var l = $"[bare {label}] send -> receive {r.Latency.Describe()}; deliveries {r.Deliveries} = {r.Deliveries / r.Seconds:F0}/s; missing {r.Missing}; bench process CPU {r.CpuPercent:F0} % of one core; machine CPU busy {r.MachineBusy:F0} %";
                Console.WriteLine(l);
            }
        }
        Console.WriteLine($"[server] log lines at the end: {serverLog.Split('\n').Length} (buffer of 2000)");
        return 0;
    }

    private static int LowerBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi) { var mid = (lo + hi) / 2; if (sorted[mid] < value) lo = mid + 1; else hi = mid; }
        return lo;
    }

    private static bool Same(SummaryLite? a, SummaryLite b) =>
        a is not null && a.Revision == b.Revision && a.Beds?.ToString() == b.Beds?.ToString();

    private static async Task<SummaryLite> ReadAsync(HttpClient http, string path) =>
        JsonSerializer.Deserialize<SummaryLite>(await http.GetStringAsync(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
}
