using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>
/// Three server processes in one cluster; one is killed with SIGKILL while bed managers keep writing through
/// all of them. Every write answered 200 must be in the final state, every unit must take writes again
/// through the survivors, and a board on a survivor must keep receiving. The silos start on a copy of the seeded demo.
/// </summary>
public sealed class FailoverTests(PostgresFixture postgres)
{
    private static readonly TimeSpan BeforeKill = TimeSpan.FromSeconds(4);
    /// <summary>How long the survivors get to take every unit over (23–28 s measured at load 20–78, the old fixed wait was 30 s).</summary>
    private static readonly TimeSpan TakeOverLimit = TimeSpan.FromSeconds(60);
    /// <summary>Writes go on this long once every unit is writable again, through the survivors only.</summary>
    private static readonly TimeSpan AfterTakeOver = TimeSpan.FromSeconds(3);

    // The service id stays the seeded demo's: a copy of it holds its grains' state under that id.
    private static Dictionary<string, string> Settings => new(UnthrottledServerFixture.Unthrottled) { ["Cluster:Clustering"] = "adonet" };

    /// <summary>One write attempt: its number for the unit (sent as expectedDischarges, so each write is recognisable) and whether it was acknowledged.</summary>
    private sealed record Attempt(int Mark, bool Acknowledged, long At);

    /// <summary>
    /// A unit; "frozen" ones are written only until the kill, so what the dead silo acknowledged is checked as such.
    /// Initial: its expectedDischarges before the test, what it holds if no write of the test reached it.
    /// </summary>
    private sealed record Unit(string Finess, string Id, int Installed, bool Frozen, int Initial)
    {
        /// <summary>Appended by the unit's writer; read by others only under its lock while the writers run.</summary>
        public List<Attempt> Attempts { get; } = new();
        public string Path => $"/api/establishments/{Finess}/units/{Id}/beds";

        public void Add(Attempt attempt) { lock (Attempts) Attempts.Add(attempt); }

        public bool AcknowledgedAfter(long ticks) { lock (Attempts) return Attempts.Any(x => x.Acknowledged && x.At > ticks); }
    }

    [Fact]
    public async Task Killing_one_silo_loses_no_acknowledged_update_and_the_survivors_take_over()
    {
        var output = TestContext.Current.TestOutputHelper!;
        var db = await postgres.CreateSeededDatabaseAsync();
        await using var a = await ServerProcess.StartAsync(db, Settings);
        await using var b = await ServerProcess.StartAsync(db, Settings);
        await using var c = await ServerProcess.StartAsync(db, Settings);
        ServerProcess[] silos = [a, b, c];
        using var admin = await a.ClientAsync("admin");
        var units = await PickUnitsAsync(admin, 48);

        await using var board = await BoardClient.ConnectAsync(c, await c.TokenAsync("viewer"));
        await board.SubscribeAsync("region:OCC");

        var token = await b.TokenAsync("admin", sub: "failover-writer");
        var clients = silos.Select(s => NewClient(s, token)).ToArray();
        using var stop = new CancellationTokenSource();
        using var killed = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        // Three bed managers, each with its own units and its own silo first; a failed write moves it to the next silo.
        var refusals = new ConcurrentQueue<string>();
        var writers = Enumerable.Range(0, 3)
            .Select(w => WriteAsync(units.Where((_, i) => i % 3 == w).ToList(), clients, w, clock, refusals, killed.Token, stop.Token))
            .ToArray();

        await Task.Delay(BeforeKill, TestContext.Current.CancellationToken);
        var killedAt = clock.ElapsedTicks;
        // The first silo was alone at the start and activated what the units were picked through: the hardest one to lose.
        await killed.CancelAsync();
        a.Kill();
        var summariesBeforeKill = board.Summaries.Count;
        // Until every unit still written has taken a write again (asserted below), then a little longer.
        await Eventually.ValueAsync(() => Task.FromResult(units.Where(u => !u.Frozen).All(u => u.AcknowledgedAfter(killedAt))),
            all => all, TakeOverLimit);
        await Task.Delay(AfterTakeOver, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        foreach (var client in clients) client.Dispose();

        var acked = units.Sum(u => u.Attempts.Count(x => x.Acknowledged));
        var refused = units.Sum(u => u.Attempts.Count(x => !x.Acknowledged));
        output.WriteLine($"{acked} writes acknowledged, {refused} not; silo {a.BaseAddress} killed at {Ms(killedAt):F0} ms");
        output.WriteLine($"refusals: {string.Join("; ", refusals.GroupBy(r => r).Select(g => $"{g.Count()} × {g.Key}"))}");

        // A write the grid could not take while it reorganised is refused as unavailable, to be retried: never a 500.
        Assert.True(refusals.All(r => r == Unavailable), string.Join("\n", refusals.Where(r => r != Unavailable).Distinct()));

        // Every unit still written took writes again through the survivors; the slowest tells how long failover took.
        var recovery = units.Where(u => !u.Frozen).Select(u => u.Attempts.FirstOrDefault(x => x.Acknowledged && x.At > killedAt))
            .Select(x => x is null ? double.PositiveInfinity : Ms(x.At - killedAt)).Max();
        output.WriteLine($"every unit writable again {recovery / 1000:F1} s after the kill");
        Assert.True(double.IsFinite(recovery), "some units never took a write again after the kill");

        // Not one acknowledged update lost: each unit holds its last acknowledged figures, or those of a later
        // attempt whose answer was lost with the silo.
        using var viewer = await b.ClientAsync("viewer");
        var lost = new List<string>();
        foreach (var unit in units)
        {
            var mark = (await viewer.GetJsonAsync($"/api/establishments/{unit.Finess}/units/{unit.Id}")).Int("beds", "expectedDischarges");
            var lastAcked = unit.Attempts.FindLastIndex(x => x.Acknowledged);
            var allowed = unit.Attempts.Skip(Math.Max(0, lastAcked)).Select(x => x.Mark).ToHashSet();
            if (lastAcked < 0) allowed.Add(unit.Initial); // nothing acknowledged (a frozen unit on a slow machine): nothing to lose
            if (!allowed.Contains(mark))
                lost.Add($"{unit.Path}: holds write #{mark}, last acknowledged {(lastAcked < 0 ? "none" : $"#{unit.Attempts[lastAcked].Mark}")}");
        }
        Assert.True(lost.Count == 0, string.Join("\n", lost));
        // And that covered writes acknowledged before the kill on units nobody wrote since.
        Assert.Contains(units, u => u.Frozen && u.Attempts.Any(x => x.Acknowledged));

        // Sums are exact again: each touched establishment equals its units, the region equals its sectors.
        foreach (var finess in units.Select(u => u.Finess).Distinct())
        {
            var est = await Eventually.ValueAsync(() => viewer.GetJsonAsync($"/api/establishments/{finess}"),
                e => e.Available() == e.GetProperty("children").EnumerateArray().Sum(u => u.Available()), TimeSpan.FromSeconds(15));
            Assert.Equal(est.GetProperty("children").EnumerateArray().Sum(u => u.Available()), est.Available());
        }
        var region = await Eventually.ValueAsync(() => viewer.GetJsonAsync("/api/regions/OCC"),
            r => r.Available() == r.GetProperty("children").EnumerateArray().Sum(s => s.Available()), TimeSpan.FromSeconds(15));
        Assert.Equal(region.GetProperty("children").EnumerateArray().Sum(s => s.Available()), region.Available());

        // The board on a survivor kept receiving, up to the final figures.
        Assert.True(board.Summaries.Count > summariesBeforeKill, "the board on a survivor received nothing after the kill");
        Assert.NotNull(await board.WaitForAsync("region", "OCC", s => s.Available() == region.Available(), TimeSpan.FromSeconds(10)));
    }

    /// <summary>How a survivor refuses a write it could not take: 503 problem+json with Retry-After.</summary>
    private const string Unavailable = "503 application/problem+json with Retry-After";

    private static async Task WriteAsync(List<Unit> units, HttpClient[] clients, int first, Stopwatch clock,
        ConcurrentQueue<string> refusals, CancellationToken killed, CancellationToken stop)
    {
        var silo = first;
        var live = units.Where(u => !u.Frozen).ToList();
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var unit = killed.IsCancellationRequested ? live[n % live.Count] : units[n % units.Count];
            var mark = unit.Attempts.Count + 1;
            bool ok;
            try
            {
                using var response = await clients[silo].PutJsonAsync(unit.Path, Json.Beds(unit.Installed, 0, 0, mark % (unit.Installed + 1), 0, mark));
                ok = response.StatusCode == HttpStatusCode.OK;
                if (!ok && (int)response.StatusCode < 500)
                    throw new InvalidOperationException($"{unit.Path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                if (!ok)
                    refusals.Enqueue(response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null
                        && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                        ? Unavailable
                        : $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {await response.Content.ReadAsStringAsync()}");
            }
            catch (HttpRequestException) { ok = false; }
            catch (TaskCanceledException) when (!stop.IsCancellationRequested) { ok = false; }
            unit.Add(new Attempt(mark, ok, clock.ElapsedTicks));
            if (!ok)
            {
                silo = (silo + 1) % clients.Length;
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private static async Task<List<Unit>> PickUnitsAsync(HttpClient admin, int count)
    {
        var establishments = await admin.EstablishmentIdsAsync();
        // Spread over the territory, so the grains involved live on every silo.
        var units = new List<Unit>();
        for (var i = 0; units.Count < count && i < establishments.Count; i += 5)
        {
            var est = await admin.GetJsonAsync($"/api/establishments/{establishments[i]}");
            var unit = est.GetProperty("children").EnumerateArray()
                .Select(u => new Unit(establishments[i], u.GetProperty("id").GetString()!, u.Int("beds", "installed"), units.Count % 2 == 1,
                    u.Int("beds", "expectedDischarges")))
                .Where(u => u.Installed >= 40).FirstOrDefault();
            if (unit is not null) units.Add(unit);
        }
        Assert.Equal(count, units.Count);
        return units;
    }

    private static HttpClient NewClient(ServerProcess server, string token)
    {
        var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
