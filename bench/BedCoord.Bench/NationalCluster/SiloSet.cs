using System.Diagnostics;
using BedCoord.Testing;

namespace BedCoord.Bench;

/// <summary>
/// The silos of the cluster by slot: a slot's process can be killed, stopped and replaced by a new one (new ports,
/// as a restarted container gets). <see cref="Up"/> is what a load balancer would route to: a silo is in it from
/// ready until its process has exited, so clients meet a stopping silo and must retry elsewhere.
/// </summary>
public sealed class SiloSet(string connectionString, IReadOnlyDictionary<string, string> settings, int slots) : IAsyncDisposable
{
    private readonly ServerProcess?[] _servers = new ServerProcess?[slots];
    private readonly HttpClient?[] _clients = new HttpClient?[slots];
    // A replaced silo's client may still carry requests being retried: disposed only at the end.
    private readonly List<HttpClient> _retired = new();
    private volatile int[] _up = [];
    // Every process started, replaced ones included: their logs are read for errors at the end of a phase.
    private readonly List<ServerProcess> _all = new();
    private readonly HashSet<ServerProcess> _leaving = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _watch;

    public int Slots => slots;
    public string Token { get; private set; } = "";
    public ServerProcess? this[int slot] => _servers[slot];

    /// <summary>Slots whose silo takes requests now.</summary>
    public int[] Up => _up;

    /// <summary>The client of an up silo, picked by <paramref name="n"/> (round robin); null while none is up.</summary>
    public HttpClient? Client(long n)
    {
        var up = _up;
        return up.Length == 0 ? null : _clients[up[(int)(n % up.Length)]];
    }

    public Uri? Address(long n)
    {
        var up = _up;
        return up.Length == 0 ? null : _servers[up[(int)(n % up.Length)]]?.BaseAddress;
    }

    /// <summary>Starts the slot's silo and waits until it is ready; the seconds it took.</summary>
    public async Task<double> StartAsync(int slot)
    {
        var sw = Stopwatch.StartNew();
        var server = await ServerProcess.StartAsync(connectionString, new Dictionary<string, string>(settings), TimeSpan.FromMinutes(5));
        var took = sw.Elapsed.TotalSeconds;
        if (Token.Length == 0) Token = await server.TokenAsync("admin", sub: "national-cluster-bench");
        _servers[slot] = server;
        lock (_all) _all.Add(server);
        _watch ??= WatchAsync();
        if (_clients[slot] is { } old) lock (_retired) _retired.Add(old);
        _clients[slot] = Stack.NewClient(server.BaseAddress, Token, 128);
        SetUp(slot, true);
        return took;
    }

    /// <summary>SIGKILL: the silo vanishes without a word; the load balancer notices at once.</summary>
    public void Kill(int slot)
    {
        lock (_all) _leaving.Add(_servers[slot]!);
        _servers[slot]!.Kill();
        SetUp(slot, false);
    }

    /// <summary>SIGTERM and wait for the process to exit (a clean shutdown); the seconds it took.</summary>
    public async Task<double> StopAsync(int slot)
    {
        var sw = Stopwatch.StartNew();
        lock (_all) _leaving.Add(_servers[slot]!);
        await _servers[slot]!.StopAsync();
        SetUp(slot, false);
        return sw.Elapsed.TotalSeconds;
    }

    /// <summary>RSS of each slot's silo, "-" when none runs there.</summary>
    public string Rss() => string.Join(" / ", _servers.Select(s => s is null || s.HasExited ? "-" : $"{ProcSnapshot.Of(s.Id).RssKb / 1024} MiB"));

    public string Hwm() => string.Join(" / ", _servers.Select(s => s is null || s.HasExited ? "-" : $"{ProcSnapshot.Of(s.Id).HwmKb / 1024} MiB"));

    /// <summary>CPU ticks of the running silos, by process id (a restarted slot is another process).</summary>
    public Dictionary<int, ProcSnapshot> Cpu() =>
        _servers.Where(s => s is not null && !s.HasExited).ToDictionary(s => s!.Id, s => ProcSnapshot.Of(s!.Id));

    /// <summary>
    /// A silo that exits without being told to (the cluster voted it dead, or it crashed) leaves the load balancer
    /// at once; the bench says so with the end of its log, and the slot stays empty until it is started again.
    /// </summary>
    private async Task WatchAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            foreach (var slot in _up)
            {
                var server = _servers[slot];
                bool leaving;
                lock (_all) leaving = server is null || _leaving.Contains(server);
                if (leaving || !server!.HasExited) continue;
                SetUp(slot, false);
                Console.WriteLine($"[silo] slot {slot} (pid {server.Id}) EXITED ON ITS OWN; last log lines:");
                foreach (var line in server.Log.Split('\n').TakeLast(8)) Console.WriteLine($"[silo]   {Trim(line)}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// "fail:"/"crit:" entries the silos logged since the last call (category and first message line, counted; each
    /// process keeps its last 2,000 log lines, so counts are at least these).
    /// </summary>
    public List<string> TakeErrors()
    {
        List<ServerProcess> all;
        lock (_all) all = _all.ToList();
        var counts = new Dictionary<string, int>();
        foreach (var lines in all.Select(s => s.Log.Split('\n')))
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].StartsWith("fail:", StringComparison.Ordinal) && !lines[i].StartsWith("crit:", StringComparison.Ordinal)) continue;
                var key = Trim(lines[i].Trim() + " " + (i + 1 < lines.Length ? lines[i + 1].Trim() : ""));
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        var report = new List<string>();
        foreach (var (key, n) in counts)
        {
            var before = _errorCounts.GetValueOrDefault(key);
            if (n > before) report.Add($"{n - before}× {key}");
            _errorCounts[key] = Math.Max(n, before);
        }
        return report;
    }

    private readonly Dictionary<string, int> _errorCounts = new();

    private static string Trim(string s) => s.Length > 300 ? s[..300] + "…" : s;

    private void SetUp(int slot, bool up)
    {
        lock (_servers)
            _up = up ? _up.Append(slot).Distinct().Order().ToArray() : _up.Where(s => s != slot).ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_watch is not null) await _watch;
        foreach (var c in _clients.Concat(_retired)) c?.Dispose();
        foreach (var s in _servers)
        {
            if (s is null) continue;
            s.Kill();
            await s.DisposeAsync();
        }
    }
}
