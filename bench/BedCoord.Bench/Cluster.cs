using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using BedCoord.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace BedCoord.Bench;

/// <summary>
/// `cluster`: three silos on one PostgreSQL. A soak at a fixed offered rate (errors, acknowledged writes lost,
/// RSS of each silo over time), then a silo killed with SIGKILL under load, with our membership settings and
/// with Orleans' defaults side by side: seconds until every scope answers again and until a board resumes.
/// </summary>
public static class ClusterBench
{
    private const int Silos = 3;
    private const int MaxInFlight = 256;

    /// <summary>Orleans' own membership defaults, to compare our tuning against in the same run.</summary>
    private static readonly Dictionary<string, string> OrleansDefaults = new()
    {
        ["Cluster:Membership:ProbeTimeout"] = "00:00:05",
        ["Cluster:Membership:NumMissedProbesLimit"] = "3",
        ["Cluster:Membership:NumVotesForDeathDeclaration"] = "2",
        ["Cluster:Membership:TableRefreshTimeout"] = "00:01:00",
    };

    public static async Task<int> RunAsync(Options o, bool soak = true)
    {
        await using var stack = await Stack.StartPostgresAsync();
        if (soak) await SoakAsync(stack, o, await Pgbench.BaselineAsync(stack, o.PgbenchSeconds));
        await FailoverAsync(stack, o, "ours (ProbeTimeout 2 s, 3 missed probes, 2 votes, table refresh 10 s)", "bedcoord_failover_tuned", new Dictionary<string, string>());
        await FailoverAsync(stack, o, "Orleans defaults (ProbeTimeout 5 s, 3 missed probes, 2 votes, table refresh 60 s)", "bedcoord_failover_default", OrleansDefaults);
        return 0;
    }

    private sealed class Cluster(List<ServerProcess> servers, List<HttpClient> clients, string token, List<UnitRef> units) : IAsyncDisposable
    {
        public List<ServerProcess> Servers => servers;
        public List<HttpClient> Clients => clients;
        public string Token => token;
        public List<UnitRef> Units => units;

        public static async Task<Cluster> StartAsync(Stack stack, string database, IDictionary<string, string> extra)
        {
            var cs = await stack.Postgres.CreateDatabaseAsync(database);
            var settings = new Dictionary<string, string>(UnthrottledServerFixture.Unthrottled)
            {
                ["Cluster:Clustering"] = "adonet",
                ["Cluster:ServiceId"] = database,
            };
            foreach (var (k, v) in extra) settings[k] = v;
            var servers = new List<ServerProcess>();
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < Silos; i++) servers.Add(await ServerProcess.StartAsync(cs, settings));
            Console.WriteLine($"[setup] {Silos} silos ready in {sw.Elapsed.TotalSeconds:F1} s: {string.Join(", ", servers.Select(s => $"pid {s.Id} {s.BaseAddress}"))}");
            var token = await servers[0].TokenAsync("admin", sub: "bench");
            var clients = servers.Select(s => Stack.NewClient(s.BaseAddress, token, MaxInFlight)).ToList();
            return new Cluster(servers, clients, token, await Stack.LoadUnitsAsync(clients[0]));
        }

        public string Rss() => string.Join(" / ", servers.Select(s => s.HasExited ? "dead" : $"{ProcSnapshot.Of(s.Id).RssKb / 1024} MiB"));

        public async ValueTask DisposeAsync()
        {
            foreach (var c in clients) c.Dispose();
            foreach (var s in servers) { s.Kill(); await s.DisposeAsync(); }
        }
    }

    // ---- Soak: a fixed offered rate through all silos; no unit has two writes in flight, so its last write is known ----
    private static async Task SoakAsync(Stack stack, Options o, double pgbenchTps)
    {
        await using var cluster = await Cluster.StartAsync(stack, "bedcoord_soak", new Dictionary<string, string>());
        var units = cluster.Units;
        var marks = new int[units.Count];
        var lastAcked = new int[units.Count];
        var busy = new int[units.Count];
        var latency = new Samples();
        var errors = new ConcurrentDictionary<string, int>();
        int ok = 0, skipped = 0, inFlight = 0, cursor = -1;
        var tasks = new ConcurrentBag<Task>();
        var rssStart = cluster.Rss();
        var cpu0 = MachineCpu.Now();
        Console.WriteLine($"[soak] offered {o.SoakRate}/s for {o.SoakSeconds} s through {Silos} silos, at most {MaxInFlight} in flight; RSS at start {rssStart}");

        using var sampler = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            var lastOk = 0;
            var t = Stopwatch.StartNew();
            while (!sampler.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(o.SoakSampleSeconds), sampler.Token).ContinueWith(_ => { });
                var now = Volatile.Read(ref ok);
                Console.WriteLine($"[soak]   t={t.Elapsed.TotalSeconds:F0} s: {(now - lastOk) / (double)o.SoakSampleSeconds:F0} 200/s, errors {errors.Values.Sum()}, skipped {skipped}, RSS {cluster.Rss()}");
                lastOk = now;
            }
        });

        var (fired, maxLag) = await OpenLoop.RunAsync(o.SoakRate, TimeSpan.FromSeconds(o.SoakSeconds), i =>
        {
            if (Volatile.Read(ref inFlight) >= MaxInFlight) { Interlocked.Increment(ref skipped); return; }
            var u = Interlocked.Increment(ref cursor) % units.Count;
            if (Interlocked.Exchange(ref busy[u], 1) == 1) { Interlocked.Increment(ref skipped); return; }
            Interlocked.Increment(ref inFlight);
            var mark = ++marks[u];
            var client = cluster.Clients[(int)(i % Silos)];
            tasks.Add(Task.Run(async () =>
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(Figures.Put(units[u], Figures.Random(Random.Shared, 40, mark)));
                    if ((int)response.StatusCode == 200) { Interlocked.Increment(ref ok); latency.AddTicks(Stopwatch.GetTimestamp() - t0); lastAcked[u] = mark; }
                    else errors.AddOrUpdate(((int)response.StatusCode).ToString(), 1, (_, n) => n + 1);
                }
                catch (Exception e) { errors.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1); }
                finally { Interlocked.Decrement(ref inFlight); Volatile.Write(ref busy[u], 0); }
            }));
        });
        await Task.WhenAll(tasks);
        var machine = MachineCpu.Now().BusyPercentSince(cpu0);
        await sampler.CancelAsync();
        await sampling;

        // Every acknowledged write is there: each unit holds its last acknowledged write or a later one.
        var lost = 0;
        await Updates.ForEachAsync(Enumerable.Range(0, units.Count).ToList(), 32, async (u, _) =>
        {
            using var doc = JsonDocument.Parse(await cluster.Clients[0].GetStringAsync($"/api/establishments/{units[u].Finess}/units/{units[u].UnitId}"));
            var held = doc.RootElement.GetProperty("beds").GetProperty("expectedDischarges").GetInt32();
            if (held < lastAcked[u] || held > marks[u]) Interlocked.Increment(ref lost);
        });
        var seconds = (double)o.SoakSeconds;
        Console.WriteLine($"[soak] fired {fired} (max scheduler lag {maxLag:F0} ms), skipped {skipped} (client at {MaxInFlight} in flight or unit busy), 200 = {ok} = {ok / seconds:F1}/s, errors {errors.Values.Sum()}{(errors.IsEmpty ? "" : " " + string.Join(",", errors.Select(kv => kv.Key + "×" + kv.Value)))}");
        Console.WriteLine($"[soak]   PUT latency {latency.Describe()}; machine CPU busy {machine:F0} %; vs pgbench {pgbenchTps:F0} tps: {ok / seconds / pgbenchTps:F2}x");
        Console.WriteLine($"[soak]   acknowledged writes lost: {lost} (of {units.Count} units checked); RSS start {rssStart} -> end {cluster.Rss()}");
    }

    // ---- Failover: kill the silo that seeded the territory (it holds most grains) while writes flow ----
    private static async Task FailoverAsync(Stack stack, Options o, string label, string database, IDictionary<string, string> settings)
    {
        await using var cluster = await Cluster.StartAsync(stack, database, settings);
        var units = cluster.Units;
        var probe = units[0];
        var others = units.Skip(1).ToList();
        await Updates.ForEachAsync(units, 32, async (u, rng) => { using var r = await cluster.Clients[0].SendAsync(Figures.Put(u, Figures.Random(rng, 40))); r.EnsureSuccessStatusCode(); });
        var baseInstalled = await Updates.RegionInstalledAsync(cluster.Clients[1]) - 40;

        var survivor = cluster.Servers[2];
        await using var watch = await RegionWatch.StartAsync(survivor.BaseAddress, cluster.Token);
        var pushes = watch.Pushes;

        var alive = new[] { 0, 1, 2 }.ToList();
        var probeAcks = new ConcurrentQueue<(int Value, long At)>();
        var errors = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();
        var rate = o.FailoverRate;
        var probeSeq = 0;
        var background = OpenLoop.RunAsync(rate, TimeSpan.FromSeconds(o.FailoverWarmSeconds + o.FailoverSeconds), i =>
        {
            var silos = alive.ToArray();
            var client = cluster.Clients[silos[(int)(i % silos.Length)]];
            var isProbe = i % (long)Math.Max(1, rate / 5) == 0;
            var value = isProbe ? 41 + Interlocked.Increment(ref probeSeq) : 40;
            var unit = isProbe ? probe : others[Random.Shared.Next(others.Count)];
            _ = Task.Run(async () =>
            {
                try
                {
                    using var response = await client.SendAsync(Figures.Put(unit, Figures.Random(Random.Shared, value)));
                    if ((int)response.StatusCode != 200) errors.AddOrUpdate(((int)response.StatusCode).ToString(), 1, (_, n) => n + 1);
                    else if (isProbe) probeAcks.Enqueue((value, Stopwatch.GetTimestamp()));
                }
                catch (Exception e) { errors.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1); }
            });
        }, stop.Token);

        await Task.Delay(TimeSpan.FromSeconds(o.FailoverWarmSeconds));
        var victim = cluster.Servers[0];
        var errorsBefore = errors.Values.Sum();
        var killedAt = Stopwatch.GetTimestamp();
        alive.Remove(0);
        victim.Kill();

        // When a survivor logs the death (SiloLossWatcher), and when each scope (aggregates and units) first answers again.
        var declaredAt = WatchLogAsync(cluster.Servers.Skip(1).ToList(), "declared dead", TimeSpan.FromSeconds(o.FailoverSeconds));
        var scopes = await ScopePathsAsync(cluster.Clients[1], units);
        var back = await FirstAnswersAsync(cluster, scopes, killedAt, TimeSpan.FromSeconds(o.FailoverSeconds));
        await background;
        await stop.CancelAsync();
        await Task.Delay(2000);

        var declared = await declaredAt;
        var sweepLine = cluster.Servers.Skip(1).SelectMany(x => x.Log.Split('\n')).FirstOrDefault(l => l.Contains("declared dead", StringComparison.Ordinal));
        var afterKill = pushes.Where(p => p.At > killedAt).Select(p => p.At).Prepend(killedAt).ToList();
        var longestSilence = afterKill.Zip(afterKill.Skip(1), (a, b) => Seconds(b - a)).DefaultIfEmpty(double.NaN).Max();
        var firstAck = probeAcks.FirstOrDefault(p => p.At > killedAt);
        var boardBack = firstAck.At == 0 ? double.NaN
            : pushes.Where(p => p.At > killedAt && p.Installed >= baseInstalled + firstAck.Value).Select(p => Seconds(p.At - killedAt)).DefaultIfEmpty(double.NaN).First();
        var missing = scopes.Count - back.Count;
        Console.WriteLine($"[failover] {label}: killed pid {victim.Id} (the silo that seeded the territory), {rate}/s of writes through all silos");
        Console.WriteLine($"[failover]   a survivor logged the death and finished re-reading sums at {(declared == long.MaxValue ? double.NaN : Seconds(declared - killedAt)):F1} s: \"{sweepLine?.Trim()}\"");
        Console.WriteLine($"[failover]   every scope answers again ({scopes.Count} GETs: region, sectors, départements, establishments, units) at {(missing == 0 ? back.Values.Max() : double.NaN):F1} s; scopes answering within 1 s of the kill: {back.Values.Count(t => t <= 1)}{(missing == 0 ? "" : $"; never: {missing}")}");
        Console.WriteLine($"[failover]   board on a survivor: longest silence between region pushes {longestSilence:F1} s ({pushes.Count(p => p.At > killedAt)} pushes after the kill); shows the first acknowledged post-kill probe at {boardBack:F1} s");
        foreach (var server in cluster.Servers.Skip(1))
            if (FirstUnhandled(server.Log) is { } unhandled)
                Console.WriteLine($"[failover]   first exception that reached ASP.NET on pid {server.Id} (503 or 500: the tally below says which): {Shorten(unhandled)}");
        Console.WriteLine($"[failover]   refused writes: {errorsBefore} before the kill, {errors.Values.Sum() - errorsBefore} after{(errors.IsEmpty ? "" : " (" + string.Join(",", errors.Select(kv => kv.Key + "×" + kv.Value)) + ")")}; RSS of the survivors {cluster.Rss()}");
    }

    private static string Shorten(string s) => s.Length > 400 ? s[..400] + "…" : s;

    /// <summary>The first exception a request let through to ASP.NET's exception handler (which then answers 503 or 500).</summary>
    private static string? FirstUnhandled(string log)
    {
        var lines = log.Split('\n');
        var at = Array.FindIndex(lines, l => l.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
        return at < 0 ? null : string.Join(" | ", lines.Skip(at).Take(4).Select(l => l.Trim()));
    }

    /// <summary>Seconds after the kill at which each path first answered 200 through the survivors (retried until then).</summary>
    private static async Task<Dictionary<string, double>> FirstAnswersAsync(Cluster cluster, List<string> paths, long killedAt, TimeSpan limit)
    {
        var back = new ConcurrentDictionary<string, double>();
        var clients = cluster.Servers.Skip(1).Select(s => Stack.NewClient(s.BaseAddress, cluster.Token, 64)).ToList();
        foreach (var c in clients) c.Timeout = TimeSpan.FromSeconds(2);
        var pending = paths;
        while (pending.Count > 0 && Seconds(Stopwatch.GetTimestamp() - killedAt) < limit.TotalSeconds)
        {
            await Updates.ForEachAsync(pending, 32, async (path, rng) =>
            {
                try
                {
                    using var r = await clients[rng.Next(clients.Count)].GetAsync(path);
                    if (r.IsSuccessStatusCode) back[path] = Seconds(Stopwatch.GetTimestamp() - killedAt);
                }
                catch (Exception) { }
            });
            pending = pending.Where(p => !back.ContainsKey(p)).ToList();
            if (pending.Count > 0) await Task.Delay(100);
        }
        foreach (var c in clients) c.Dispose();
        return new Dictionary<string, double>(back);
    }

    /// <summary>The time the first of these servers printed a line containing <paramref name="text"/> (polled every 100 ms).</summary>
    private static async Task<long> WatchLogAsync(List<ServerProcess> servers, string text, TimeSpan limit)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (servers.Any(s => s.Log.Contains(text, StringComparison.Ordinal))) return Stopwatch.GetTimestamp();
            await Task.Delay(100);
        }
        return long.MaxValue;
    }

    private static async Task<List<string>> ScopePathsAsync(HttpClient http, List<UnitRef> units)
    {
        var paths = new List<string> { "/api/regions/OCC" };
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/territory"));
        foreach (var sector in doc.RootElement.GetProperty("regions").EnumerateArray().SelectMany(r => r.GetProperty("sectors").EnumerateArray()))
        {
            paths.Add($"/api/sectors/{sector.GetProperty("id").GetString()}");
            foreach (var dept in sector.GetProperty("departments").EnumerateArray()) paths.Add($"/api/departments/{dept.GetProperty("code").GetString()}");
        }
        paths.AddRange(units.Select(u => u.Finess).Distinct().Select(f => $"/api/establishments/{f}"));
        paths.AddRange(units.Select(u => $"/api/establishments/{u.Finess}/units/{u.UnitId}"));
        return paths;
    }

    private static double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;
}
