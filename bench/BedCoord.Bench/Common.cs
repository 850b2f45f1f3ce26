using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using BedCoord.Persistence;
using BedCoord.Testing;

namespace BedCoord.Bench;

/// <summary>Latency samples in Stopwatch ticks; percentiles by nearest rank.</summary>
public sealed class Samples
{
    private readonly List<double> _ms = new();
    private readonly object _lock = new();
    public void Add(double ms) { lock (_lock) _ms.Add(ms); }
    public void AddTicks(long ticks) => Add(ticks * 1000.0 / Stopwatch.Frequency);
    public int Count { get { lock (_lock) return _ms.Count; } }
    public double P(double p)
    {
        lock (_lock)
        {
            if (_ms.Count == 0) return double.NaN;
            var sorted = _ms.ToArray(); Array.Sort(sorted);
            var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
        }
    }
    public double Max { get { lock (_lock) return _ms.Count == 0 ? double.NaN : _ms.Max(); } }
    public double FractionBelow(double ms) { lock (_lock) return _ms.Count == 0 ? double.NaN : _ms.Count(x => x < ms) / (double)_ms.Count; }
    public string Describe() => Count == 0 ? "n=0" : $"n={Count} p50={P(50):F2} ms p90={P(90):F2} ms p99={P(99):F2} ms max={Max:F2} ms";
}

/// <summary>CPU time and memory of a process from /proc (clock ticks are 100 Hz on Linux).</summary>
public readonly record struct ProcSnapshot(long Ticks, long RssKb, long HwmKb, long At)
{
    public const double TicksPerSecond = 100.0;

    public static ProcSnapshot Of(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After "pid (comm) ": field 3 (state) is index 0; utime is field 14 -> index 11, stime 15 -> index 12.
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:")) rss = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
            if (line.StartsWith("VmHWM:")) hwm = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        return new ProcSnapshot(ticks, rss, hwm, Stopwatch.GetTimestamp());
    }

    public static ProcSnapshot Self() => Of(Environment.ProcessId);

    public double CpuSecondsSince(ProcSnapshot before) => (Ticks - before.Ticks) / TicksPerSecond;
    public double ElapsedSince(ProcSnapshot before) => (double)(At - before.At) / Stopwatch.Frequency;
    /// <summary>CPU use over the interval, in % of ONE core (200 % = both cores of this machine).</summary>
    public double CpuPercentSince(ProcSnapshot before) => 100.0 * CpuSecondsSince(before) / ElapsedSince(before);
}

/// <summary>Whole-machine CPU use from /proc/stat, to see whether the 2 cores were saturated.</summary>
public readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu Now()
    {
        var parts = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var idle = parts[3] + parts[4];
        var total = parts.Take(8).Sum();
        return new MachineCpu(total - idle, total);
    }
    public double BusyPercentSince(MachineCpu before) => 100.0 * (Busy - before.Busy) / Math.Max(1, Total - before.Total);
}

public static class Machine
{
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();

    /// <summary>Processes other than us, the server and postgres using CPU right now (over 1 s), to flag a busy machine.</summary>
    public static string Describe() =>
        $"nproc={Environment.ProcessorCount} loadavg=\"{LoadAverage()}\" at {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}";
}

/// <summary>A unit of the territory, as PUT addresses it.</summary>
public sealed record UnitRef(string Finess, string UnitId, string Department);

/// <summary>Embedded PostgreSQL + the real BedCoord server process (Release build), and an admin HTTP client.</summary>
public sealed class Stack : IAsyncDisposable
{
    public required string Root { get; init; }
    public required EmbeddedPostgres Postgres { get; init; }
    public ServerProcess? Server { get; set; }
    public HttpClient? Admin { get; set; }
    public string? AdminToken { get; set; }
    public List<UnitRef> Units { get; } = new();

    public static async Task<Stack> StartPostgresAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "bedcoord-bench-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(root);
        var sw = Stopwatch.StartNew();
        var pg = await EmbeddedPostgres.StartAsync(Path.Combine(root, "data"));
        Console.WriteLine($"[setup] PostgreSQL 127.0.0.1:{pg.Port} in {root} ({sw.Elapsed.TotalSeconds:F1} s)");
        return new Stack { Root = root, Postgres = pg };
    }

    /// <summary>The connection string of the database the current server uses.</summary>
    public string? ConnectionString { get; private set; }

    /// <param name="settings">Server settings on top of the unthrottled defaults (e.g. History:Enabled=false).</param>
    /// <param name="loadUnits">False when the territory is imported afterwards (Demo:Seed=false).</param>
    public async Task StartServerAsync(string database, IDictionary<string, string>? settings = null, bool loadUnits = true)
    {
        if (RepoPaths.Configuration != "Release")
            Console.WriteLine($"[setup] WARNING: bench built {RepoPaths.Configuration}; the server measured is {RepoPaths.ServerDll}");
        var cs = ConnectionString = await Postgres.CreateDatabaseAsync(database);
        var sw = Stopwatch.StartNew();
        // One admin token drives every worker: the bench measures the grid, not the per-caller limiter.
        var all = new Dictionary<string, string>(UnthrottledServerFixture.Unthrottled);
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) all[k] = v;
        // Without a territory the server is live but never ready (nothing to serve) until one is imported.
        Server = await ServerProcess.StartAsync(cs, all, TimeSpan.FromMinutes(3), loadUnits ? "/health/ready" : "/health/live");
        var extra = settings is null ? "" : " with " + string.Join(" ", settings.Select(kv => $"{kv.Key}={kv.Value}"));
        Console.WriteLine($"[setup] server pid {Server.Id} {Server.BaseAddress} on database {database}{extra} ready in {sw.Elapsed.TotalSeconds:F1} s ({RepoPaths.ServerDll})");
        AdminToken = await Server.TokenAsync("admin", sub: "bench");
        Admin = NewClient(Server.BaseAddress, AdminToken, 256);
        if (loadUnits) Units.AddRange(await LoadUnitsAsync(Admin));
    }

    /// <summary>Stops the current server (clean shutdown) so that another can be started on a fresh database.</summary>
    public async Task StopServerAsync()
    {
        Admin?.Dispose();
        Admin = null;
        if (Server is not null) await Server.DisposeAsync();
        Server = null;
        Units.Clear();
    }

    /// <summary>Every unit of the territory, as the API lists it.</summary>
    public static async Task<List<UnitRef>> LoadUnitsAsync(HttpClient http)
    {
        var units = new List<UnitRef>();
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/territory"));
        foreach (var region in doc.RootElement.GetProperty("regions").EnumerateArray())
        foreach (var sector in region.GetProperty("sectors").EnumerateArray())
        foreach (var dept in sector.GetProperty("departments").EnumerateArray())
        foreach (var est in dept.GetProperty("establishments").EnumerateArray())
        foreach (var unit in est.GetProperty("units").EnumerateArray())
            units.Add(new UnitRef(est.GetProperty("id").GetString()!, unit.GetProperty("id").GetString()!, dept.GetProperty("code").GetString()!));
        Console.WriteLine($"[setup] territory: {units.Count} units in {units.Select(u => u.Finess).Distinct().Count()} establishments, {units.Select(u => u.Department).Distinct().Count()} départements");
        return units;
    }

    /// <summary>HTTP/1.1 keep-alive client with a bounded connection pool.</summary>
    public static HttpClient NewClient(Uri baseAddress, string token, int maxConnections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30), DefaultRequestVersion = HttpVersion.Version11 };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        if (Server is not null)
        {
            try { await Server.DisposeAsync(); } catch (Exception e) { Console.WriteLine($"[teardown] server: {e.Message}"); }
        }
        await Postgres.StopAsync();
        try { Directory.Delete(Root, true); } catch (Exception e) { Console.WriteLine($"[teardown] {Root} not removed: {e.Message}"); }
    }
}

/// <summary>Valid random bed figures (domain bounds: closed ≤ installed, occupied ≤ open, reserved ≤ free).</summary>
public static class Figures
{
    /// <param name="discharges">Given, it marks the write so that the stored state tells which write it holds.</param>
    public static string Random(Random rng, int? installed = null, int? discharges = null)
    {
        var inst = installed ?? rng.Next(10, 61);
        var closed = rng.Next(0, inst / 5 + 1);
        var surge = rng.Next(0, 4);
        var open = inst - closed + surge;
        var occupied = rng.Next(0, open + 1);
        var reserved = rng.Next(0, open - occupied + 1);
        var expected = discharges ?? rng.Next(0, 6);
        return $"{{\"installed\":{inst},\"closed\":{closed},\"surge\":{surge},\"occupied\":{occupied},\"reserved\":{reserved},\"expectedDischarges\":{expected}}}";
    }

    public static HttpRequestMessage Put(UnitRef unit, string json) =>
        new(HttpMethod.Put, $"/api/establishments/{unit.Finess}/units/{unit.UnitId}/beds")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
}

/// <summary>Fires actions at a fixed rate whatever their latency (open loop), catching up in bursts when late.</summary>
public static class OpenLoop
{
    public static async Task<(int Fired, double MaxLagMs)> RunAsync(double perSecond, TimeSpan duration, Action<long> fire, CancellationToken ct = default)
    {
        var start = Stopwatch.GetTimestamp();
        var total = (long)(perSecond * duration.TotalSeconds);
        var interval = Stopwatch.Frequency / perSecond;
        double maxLag = 0;
        long i = 0;
        while (i < total && !ct.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            var due = start + (long)(i * interval);
            if (now < due)
            {
                var waitMs = (due - now) * 1000.0 / Stopwatch.Frequency;
                if (waitMs >= 1.5) await Task.Delay(TimeSpan.FromMilliseconds(waitMs - 0.5));
                else Thread.Yield();
                continue;
            }
            maxLag = Math.Max(maxLag, (now - due) * 1000.0 / Stopwatch.Frequency);
            fire(i);
            i++;
        }
        return ((int)i, maxLag);
    }
}
