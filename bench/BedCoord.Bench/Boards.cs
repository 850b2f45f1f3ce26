using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using BedCoord.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace BedCoord.Bench;

/// <summary>
/// `boards`: 500 boards (region:OCC + one département each) while PUTs are offered at 20/s and 1,000/s. The
/// boards run in a child process (`board-clients`) so that the server's CPU, the clients' CPU and the
/// machine's are reported apart; this process only offers the PUTs and reads /proc.
/// </summary>
public static class Boards
{
    public static async Task<int> RunAsync(Options o)
    {
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
        Console.WriteLine($"[boards] region:OCC summary is {System.Text.Encoding.UTF8.GetByteCount(regionJson)} bytes of JSON (GET)");

        // One more board, in this process, that only weighs the messages it receives.
        var viewerToken = await server.TokenAsync("viewer", sub: "bench-board");
        await using var weigher = await MessageSizes.StartAsync(server.BaseAddress, viewerToken);

        using var clients = BoardClientsProcess.Start(server.BaseAddress, viewerToken, o.Boards, departments);
        var connected = await clients.ReadAsync(TimeSpan.FromMinutes(5));
        Console.WriteLine($"[boards] {o.Boards} boards connected (WebSockets, pid {clients.Id}) and subscribed to region:OCC + one of {departments.Count} départements in {connected.Split(' ')[1]} s");
        await Task.Delay(1000);

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
            await clients.AskAsync("mark");
            weigher.Reset();
            var probeEvery = Math.Max(1, (int)(rate / o.ProbeRate));
            var probes = new ConcurrentBag<long[]>();
            var putLatency = new Samples(); var ok = 0; var errors = 0;
            var inflight = new ConcurrentBag<Task>();
            var s0 = ProcSnapshot.Of(server.Id); var c0 = ProcSnapshot.Of(clients.Id); var self0 = ProcSnapshot.Self(); var m0 = MachineCpu.Now();
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
                        if (isProbe) probes.Add([baseInstalled + value, t200]);
                    }
                    catch { Interlocked.Increment(ref errors); }
                }));
            });
            var tLastFired = Stopwatch.GetTimestamp();
            await Task.WhenAll(inflight);
            var tEnd = Stopwatch.GetTimestamp();
            var s1 = ProcSnapshot.Of(server.Id); var c1 = ProcSnapshot.Of(clients.Id); var self1 = ProcSnapshot.Self(); var m1 = MachineCpu.Now();
            var phaseSeconds = s1.ElapsedSince(s0);

            // Once quiet, the latest region and département states, which every board should hold.
            await Task.Delay(2000);
            var latestRegion = await ReadAsync(http, "/api/regions/OCC");
            var latestDepts = new Dictionary<string, string>();
            foreach (var d in departments) { var s = await ReadAsync(http, "/api/departments/" + d); latestDepts[d] = BoardClients.StateOf(s.Revision, s.Beds); }
            var requestFile = Path.Combine(stack.Root, $"report-{rate}.json");
            await File.WriteAllTextAsync(requestFile, JsonSerializer.Serialize(new BoardReportRequest(tEnd, [.. probes],
                BoardClients.StateOf(latestRegion.Revision, latestRegion.Beds), latestDepts)));
            var report = JsonSerializer.Deserialize<BoardReport>((await clients.AskAsync("report " + requestFile))[1..], BoardClients.Wire)!;

            var lines = new[]
            {
                $"[boards {rate}/s] open loop {o.BoardSeconds} s (fired {fired}, max scheduler lag {maxLag:F1} ms): PUT/s acknowledged {ok / phaseSeconds:F1} ({ok} 200s), errors {errors}, PUT latency {putLatency.Describe()}; last answer {(tEnd - tLastFired) * 1000.0 / Stopwatch.Frequency:F0} ms after the last PUT sent",
                $"[boards {rate}/s] 200 -> board's region:OCC state including it, {o.Boards} boards × {probes.Count} probes: {report.Latency}; states before the 200 (counted 0): {report.Before200}; never: {report.Missing}",
                $"[boards {rate}/s] messages {report.Deliveries} = {report.Deliveries / phaseSeconds:F0}/s ({report.Deliveries / (double)o.Boards / phaseSeconds:F1}/s per board), resyncs after a gap {report.Resyncs}; one board's messages: {weigher.Describe()}",
                $"[boards {rate}/s] boards holding the latest region+département state 2 s after the last 200: {o.Boards - report.NotLatest}/{o.Boards}; last 200 -> board holds it: {report.Hold}, within 250 ms: {report.HoldWithin250 * 100:F1} %",
                $"[boards {rate}/s] CPU (% of one core): server {s1.CpuPercentSince(s0):F0} % ({s1.CpuSecondsSince(s0) * 1000 / Math.Max(1, ok):F2} ms per acknowledged PUT, all fan-out included), RSS {s1.RssKb / 1024} MiB (VmHWM {s1.HwmKb / 1024} MiB); board clients' process {c1.CpuPercentSince(c0):F0} %; PUT driver (this process) {self1.CpuPercentSince(self0):F0} %; machine busy {m1.BusyPercentSince(m0):F0} % of {Environment.ProcessorCount} cores; loadavg after: {Machine.LoadAverage()}",
            };
            foreach (var l in lines) Console.WriteLine(l);
        }

        await clients.AskAsync("quit", expectAnswer: false);
        if (Environment.GetCommandLineArgs().Contains("--bare")) await BareBaselineAsync(o, System.Text.Encoding.UTF8.GetByteCount(regionJson));
        return 0;
    }

    /// <summary>Bare SignalR broadcast (both ends in this process): the earlier baseline, kept on request (--bare).</summary>
    private static async Task BareBaselineAsync(Options o, int messageBytes)
    {
        await using var bare = await BareBroadcast.StartAsync(o.Boards, messageBytes);
        var r = await bare.RunAsync(o.SlowRate, TimeSpan.FromSeconds(o.BoardSeconds));
        Console.WriteLine($"[bare {o.SlowRate}/s] send -> receive {r.Latency.Describe()}; deliveries {r.Deliveries}; missing {r.Missing}; bench process CPU {r.CpuPercent:F0} %");
    }

    private static async Task<SummaryLite> ReadAsync(HttpClient http, string path) =>
        JsonSerializer.Deserialize<SummaryLite>(await http.GetStringAsync(path), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
}

/// <summary>The `board-clients` child process and its stdin/stdout conversation.</summary>
public sealed class BoardClientsProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Threading.Channels.Channel<string> _answers = System.Threading.Channels.Channel.CreateUnbounded<string>();

    private BoardClientsProcess(Process process) => _process = process;
    public int Id => _process.Id;

    public static BoardClientsProcess Start(Uri server, string token, int boards, IEnumerable<string> departments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(BoardClientsProcess).Assembly.Location);
        foreach (var a in new[] { "board-clients", $"--url={server}", $"--token={token}", $"--boards={boards}", $"--departments={string.Join(',', departments)}" })
            info.ArgumentList.Add(a);
        var child = new BoardClientsProcess(Process.Start(info)!);
        child._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (e.Data.StartsWith('@')) child._answers.Writer.TryWrite(e.Data[1..]);
            else Console.WriteLine("[board-clients] " + e.Data);
        };
        child._process.BeginOutputReadLine();
        return child;
    }

    public async Task<string> ReadAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await _answers.Reader.ReadAsync(cts.Token);
    }

    public async Task<string> AskAsync(string command, bool expectAnswer = true)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        return expectAnswer ? "@" + await ReadAsync(TimeSpan.FromMinutes(2)) : "";
    }

    public void Dispose()
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(20))) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}

/// <summary>A board that records the size of every message it receives, by message name.</summary>
public sealed class MessageSizes : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly ConcurrentDictionary<string, Samples> _bytes = new();

    private MessageSizes(HubConnection hub) => _hub = hub;

    public static async Task<MessageSizes> StartAsync(Uri server, string token)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/hubs/board"), c => c.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var sizes = new MessageSizes(hub);
        foreach (var name in new[] { "snapshot", "delta", "summary" })
            hub.On<JsonElement>(name, m => sizes._bytes.GetOrAdd(name, _ => new Samples()).Add(System.Text.Encoding.UTF8.GetByteCount(m.GetRawText())));
        await hub.StartAsync();
        await hub.InvokeAsync("Subscribe", "region:OCC");
        return sizes;
    }

    public void Reset() => _bytes.Clear();

    /// <summary>Sizes are reported in the samples' "ms" fields, which here hold bytes.</summary>
    public string Describe() => _bytes.IsEmpty ? "none" :
        string.Join("; ", _bytes.OrderBy(kv => kv.Key).Select(kv => $"region:OCC '{kv.Key}' n={kv.Value.Count} median {kv.Value.P(50):F0} B, p99 {kv.Value.P(99):F0} B"));

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
