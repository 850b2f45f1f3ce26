using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BedCoord.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace BedCoord.Server.Tests;

/// <summary>
/// Issue 11 §7 at demo scale: three silos restarted one at a time (SIGTERM, then a new process on new ports) while
/// bed managers keep writing through the silos a load balancer would send them to, each failed write sent again to
/// another silo. Nothing fails beyond those retries, every acknowledged write is in the final state, the region holds
/// the sums of the writes, and boards that follow the cluster (reconnecting elsewhere when their silo goes) end on them.
/// </summary>
public sealed class RollingRestartTests(PostgresFixture postgres)
{
    private const int Silos = 3;
    // A client's patience, retries included. A stopping silo can still hold a grain for Orleans' 30 s deactivation
    // timeout (docs/PERFORMANCE.md, "National cluster": reduced, not gone), so writes can stall that long.
    private static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(60);
    // What an operator notices of a graceful stop, once the stall is gone: a stop that had to wait for Orleans' 30 s
    // deactivation timeout lasts longer than that, and writes through the other silos that needed its grains waited as
    // long. Without the stall, stops took 6-23 s at load 27-52 on the 2-core machine and attempts through the other
    // silos up to 11 s. Reported, not asserted yet: the stall still happens in about one stop of three.
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan BetweenRestarts = TimeSpan.FromSeconds(2);
    private static readonly string[] Sectors = ["NORD", "SUD", "EST"];

    private static Dictionary<string, string> Settings => new(UnthrottledServerFixture.Unthrottled)
    {
        // The service id stays the one the seeded copy was written under (it keys the stored grain state).
        ["Cluster:Clustering"] = "adonet",
        // The database is a copy of the seeded demo: as in production, a silo starting again has nothing to load.
        ["Demo:Seed"] = "false",
    };

    /// <summary>A unit and the writes sent to it; each write's number is its expected discharges, so the stored state tells which one it holds.</summary>
    private sealed record Unit(string Finess, string Id, Beds Before)
    {
        public int Sent, Acked;
        public string Path => $"/api/establishments/{Finess}/units/{Id}";
        public Beds Figures(int mark) => new(Before.Installed, 0, 0, mark % (Before.Installed + 1), 0, mark);
    }

    [Fact]
    public async Task A_rolling_restart_loses_no_write_beyond_retries_and_leaves_no_board_stale()
    {
        var db = await postgres.CreateSeededDatabaseAsync();
        var pool = new SiloPool();
        var silos = new ServerProcess?[Silos];
        var boards = new List<FollowingBoard>();
        try
        {
            for (var i = 0; i < Silos; i++) pool.Add((silos[i] = await ServerProcess.StartAsync(db, Settings))!);
            await RollAsync(db, pool, silos, boards);
        }
        finally
        {
            foreach (var board in boards) await board.DisposeAsync();
            // Nothing is read after the test: a kill spares the clean shutdown's wait.
            foreach (var silo in silos.OfType<ServerProcess>()) { silo.Kill(); await silo.DisposeAsync(); }
        }
    }

    private static async Task RollAsync(string db, SiloPool pool, ServerProcess?[] silos, List<FollowingBoard> boards)
    {
        var output = TestContext.Current.TestOutputHelper!;
        var first = silos[0]!;
        var token = await first.TokenAsync("admin", sub: "rolling-writer");
        var viewerToken = await first.TokenAsync("viewer");
        using var admin = await first.ClientAsync("admin");
        var units = await PickUnitsAsync(admin, 36);
        var regionBefore = Beds.Of(await admin.GetJsonAsync("/api/regions/OCC"));

        // One board per silo to start with, each on the region and a sector: every one of them loses its silo once.
        for (var i = 0; i < Silos; i++)
            boards.Add(await FollowingBoard.StartAsync(pool, i, viewerToken, "region:OCC", $"sector:{Sectors[i]}"));
        foreach (var board in boards)
            Assert.True(await board.WaitAsync(b => b.Held("region:OCC") is not null, TimeSpan.FromSeconds(10)), "a board got no snapshot");

        var clock = Stopwatch.StartNew();
        using var writes = new Writes(pool, token, clock);
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 3).Select(w => writes.RunAsync(units.Where((_, i) => i % 3 == w).ToList(), w, stop.Token)).ToArray();

        await Task.Delay(BetweenRestarts, TestContext.Current.CancellationToken);
        var windows = new List<(long From, long To, ServerProcess Replacement)>();
        var stops = new List<TimeSpan>();
        for (var i = 0; i < Silos; i++)
        {
            var from = clock.ElapsedTicks;
            var sw = Stopwatch.StartNew();
            var old = silos[i]!;
            silos[i] = null;
            pool.MarkStopping(old);
            await old.StopAsync();
            pool.Remove(old);
            var stopped = sw.Elapsed;
            stops.Add(stopped);
            if (stopped > StopLimit) output.WriteLine($"silo {i}'s log of its slow stop:\n{Tail(old.Log)}");
            await old.DisposeAsync();
            // A joining silo probes every member first: on a loaded 2-core machine that alone took over 90 s.
            var replacement = silos[i] = await ServerProcess.StartAsync(db, Settings, readyTimeout: TimeSpan.FromSeconds(180));
            pool.Add(replacement);
            output.WriteLine($"silo {i}: stopped in {stopped.TotalSeconds:F1} s, replacement ready {sw.Elapsed.TotalSeconds:F1} s after SIGTERM");
            await Task.Delay(BetweenRestarts, TestContext.Current.CancellationToken);
            windows.Add((from, clock.ElapsedTicks, replacement));
        }
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        output.WriteLine($"{writes.Acks.Count} writes acknowledged, {writes.Retries} attempts sent again to another silo, {writes.Failures.Count} failed after retries, " +
                         $"longest first send to 200 {writes.LongestSeconds:F1} s, longest attempt through a silo not stopping {writes.Stall}; " +
                         $"boards reconnected {string.Join(", ", boards.Select(b => b.Reconnects))} times; load {Load()}");

        // Meant to be asserted once no grain waits out the deactivation timeout any more (see StopLimit).
        if (stops.Any(s => s >= StopLimit) || writes.StallSeconds >= StallLimit.TotalSeconds)
            output.WriteLine($"STALL: a stop or a write through another silo waited out Orleans' 30 s timeout (stops: {string.Join(", ", stops.Select(x => $"{x.TotalSeconds:F1} s"))})");

        // Nothing lost beyond retries, and the writes really went on through each restart and through each new silo.
        Assert.True(writes.Failures.IsEmpty, string.Join("\n", writes.Failures));
        foreach (var (from, to, replacement) in windows)
        {
            Assert.Contains(writes.Acks, a => a.At > from && a.At < to);
            Assert.Contains(writes.Acks, a => a.Via == replacement);
        }
        Assert.All(boards, b => Assert.True(b.Reconnects >= 1, "a board never lost its silo: the restart did not reach it"));

        // Every acknowledged write is there: each unit holds exactly its last acknowledged figures.
        using var viewer = await silos[^1]!.ClientAsync("viewer");
        var expected = regionBefore;
        foreach (var unit in units)
        {
            var held = Beds.Of(await viewer.GetJsonAsync(unit.Path));
            Assert.Equal(unit.Acked == 0 ? unit.Before : unit.Figures(unit.Acked), held);
            expected += held - unit.Before;
        }

        // The region's sums are those of the writes, and every board ends on them and on its sector's latest state.
        var region = await Eventually.ValueAsync(async () => Beds.Of(await viewer.GetJsonAsync("/api/regions/OCC")), r => r == expected, TimeSpan.FromSeconds(15));
        Assert.Equal(expected, region);
        foreach (var (board, i) in boards.Select((b, i) => (b, i)))
        {
            var sector = Beds.Of(await viewer.GetJsonAsync($"/api/sectors/{Sectors[i]}"));
            var latest = await board.WaitAsync(b => b.Held("region:OCC") is { } r && Beds.Of(r) == expected
                && b.Held($"sector:{Sectors[i]}") is { } s && Beds.Of(s) == sector, TimeSpan.FromSeconds(10));
            Assert.True(latest, $"board {i} is stale: region {board.Held("region:OCC")?.GetProperty("beds")}, expected {expected}");
        }
    }

    private static string Tail(string log) =>
        string.Join('\n', log.Split('\n').Where(l => l.Contains("warn") || l.Contains("fail") || l.Contains("stage")).TakeLast(60));

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";

    private static async Task<List<Unit>> PickUnitsAsync(HttpClient admin, int count)
    {
        var establishments = await admin.EstablishmentIdsAsync();
        var step = establishments.Count / count;
        var units = new List<Unit>();
        for (var i = 0; i < count; i++)
        {
            var child = (await admin.GetJsonAsync($"/api/establishments/{establishments[i * step]}")).GetProperty("children")[0];
            units.Add(new Unit(establishments[i * step], child.GetProperty("id").GetString()!, Beds.Of(child)));
        }
        return units;
    }

    /// <summary>The six bed inputs of a summary, which every scope adds up from its children.</summary>
    private readonly record struct Beds(int Installed, int Closed, int Surge, int Occupied, int Reserved, int Discharges)
    {
        public static Beds Of(JsonElement summary)
        {
            var b = summary.GetProperty("beds");
            return new(b.Int("installed"), b.Int("closed"), b.Int("surge"), b.Int("occupied"), b.Int("reserved"), b.Int("expectedDischarges"));
        }

        public static Beds operator +(Beds a, Beds b) => new(a.Installed + b.Installed, a.Closed + b.Closed, a.Surge + b.Surge,
            a.Occupied + b.Occupied, a.Reserved + b.Reserved, a.Discharges + b.Discharges);

        public static Beds operator -(Beds a, Beds b) => new(a.Installed - b.Installed, a.Closed - b.Closed, a.Surge - b.Surge,
            a.Occupied - b.Occupied, a.Reserved - b.Reserved, a.Discharges - b.Discharges);

        public string Body() => Json.Beds(Installed, Closed, Surge, Occupied, Reserved, Discharges);
    }

    /// <summary>The silos a load balancer sends to: each from ready until its process has exited, so clients meet a stopping one.</summary>
    private sealed class SiloPool
    {
        private readonly Lock _gate = new();
        private readonly List<ServerProcess> _up = [];
        private readonly HashSet<ServerProcess> _stopping = [];
        /// <summary>A silo from its SIGTERM on: attempts through it are not the other silos' stall.</summary>
        public void MarkStopping(ServerProcess silo) { lock (_gate) _stopping.Add(silo); }
        public bool IsStopping(ServerProcess silo) { lock (_gate) return _stopping.Contains(silo); }
        public void Add(ServerProcess silo) { lock (_gate) _up.Add(silo); }
        public void Remove(ServerProcess silo) { lock (_gate) _up.Remove(silo); }
        public ServerProcess? Pick(int n) { lock (_gate) return _up.Count == 0 ? null : _up[n % _up.Count]; }
    }

    /// <summary>Bed managers writing their units in turn; a write not answered 200 is sent again, same figures, to the next silo.</summary>
    private sealed class Writes(SiloPool pool, string token, Stopwatch clock) : IDisposable
    {
        private readonly ConcurrentDictionary<ServerProcess, HttpClient> _clients = new();
        public ConcurrentQueue<(long At, ServerProcess Via)> Acks { get; } = new();
        public ConcurrentQueue<string> Failures { get; } = new();
        public int Retries;
        private long _longest;
        public double LongestSeconds => TimeSpan.FromTicks(Interlocked.Read(ref _longest)).TotalSeconds;
        private readonly Lock _gate = new();
        private (TimeSpan Took, string What) _stall;
        public double StallSeconds { get { lock (_gate) return _stall.Took.TotalSeconds; } }
        public string Stall { get { lock (_gate) return $"{_stall.Took.TotalSeconds:F1} s ({_stall.What})"; } }

        public async Task RunAsync(List<Unit> units, int writer, CancellationToken stop)
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var unit = units[n % units.Count];
                var mark = ++unit.Sent;
                var started = clock.Elapsed;
                for (var attempt = 0; ; attempt++)
                {
                    var silo = pool.Pick(writer + n + attempt);
                    if (silo is not null && await SendAsync(silo, unit, mark))
                    {
                        unit.Acked = mark;
                        Acks.Enqueue((clock.ElapsedTicks, silo));
                        var took = (clock.Elapsed - started).Ticks;
                        if (took > Interlocked.Read(ref _longest)) Interlocked.Exchange(ref _longest, took);
                        break;
                    }
                    if (clock.Elapsed - started > RetryBudget)
                    {
                        Failures.Enqueue($"{unit.Path} write #{mark}: not acknowledged after {attempt + 1} attempts over {RetryBudget.TotalSeconds} s");
                        break;
                    }
                    Interlocked.Increment(ref Retries);
                    await Task.Delay(100, CancellationToken.None);
                }
                // A bed manager's pace, not a flood: the restarts need the two cores too.
                await Task.Delay(25, CancellationToken.None);
            }
        }

        private async Task<bool> SendAsync(ServerProcess silo, Unit unit, int mark)
        {
            var client = _clients.GetOrAdd(silo, s =>
            {
                // Longer than the stall looked for, so that an attempt caught in it shows how long it waited.
                var http = new HttpClient { BaseAddress = s.BaseAddress, Timeout = TimeSpan.FromSeconds(40) };
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                return http;
            });
            var sent = clock.Elapsed;
            var outcome = "no answer";
            try
            {
                using var response = await client.PutJsonAsync(unit.Path + "/beds", unit.Figures(mark).Body());
                outcome = ((int)response.StatusCode).ToString();
                if ((int)response.StatusCode is >= 400 and < 500 and not 429)
                    throw new InvalidOperationException($"{unit.Path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) { outcome = "timed out"; return false; }
            finally { Observe(silo, sent, $"PUT {unit.Path} through {silo.BaseAddress} answered {outcome}"); }
        }

        // How long an attempt through a silo that was not being stopped took, whatever its answer.
        private void Observe(ServerProcess silo, TimeSpan sent, string what)
        {
            var took = clock.Elapsed - sent;
            if (pool.IsStopping(silo)) return;
            lock (_gate) if (took > _stall.Took) _stall = (took, what);
        }

        public void Dispose()
        {
            foreach (var client in _clients.Values) client.Dispose();
        }
    }

    /// <summary>A board behind the load balancer: when its connection drops it connects to another silo and subscribes again.</summary>
    private sealed class FollowingBoard : IAsyncDisposable
    {
        private readonly SiloPool _pool;
        private readonly string _token;
        private readonly string[] _scopes;
        private readonly CancellationTokenSource _stop = new();
        private BoardClient _client = null!;
        private Task _watch = Task.CompletedTask;
        private int _next;
        public int Reconnects;

        private FollowingBoard(SiloPool pool, int first, string token, string[] scopes) => (_pool, _next, _token, _scopes) = (pool, first, token, scopes);

        public static async Task<FollowingBoard> StartAsync(SiloPool pool, int first, string token, params string[] scopes)
        {
            var board = new FollowingBoard(pool, first, token, scopes);
            await board.ConnectAsync();
            board._watch = board.WatchAsync();
            return board;
        }

        public JsonElement? Held(string scope) => _client.Held(scope);

        public async Task<bool> WaitAsync(Func<FollowingBoard, bool> condition, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                if (condition(this)) return true;
                await Task.Delay(50);
            }
            return condition(this);
        }

        private async Task ConnectAsync()
        {
            while (true)
            {
                if (_pool.Pick(_next++) is { } silo)
                {
                    BoardClient? client = null;
                    try
                    {
                        client = await BoardClient.ConnectAsync(silo, _token);
                        foreach (var scope in _scopes) await client.SubscribeAsync(scope);
                        _client = client;
                        return;
                    }
                    catch (Exception) when (!_stop.IsCancellationRequested)
                    {
                        // The silo picked is going away: try the next one.
                        if (client is not null) await client.DisposeAsync();
                    }
                }
                await Task.Delay(200);
            }
        }

        private async Task WatchAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                if (_client.State == HubConnectionState.Disconnected)
                {
                    await _client.DisposeAsync();
                    Interlocked.Increment(ref Reconnects);
                    await ConnectAsync();
                }
                await Task.Delay(100, CancellationToken.None);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _watch;
            await _client.DisposeAsync();
        }
    }
}
