using System.Collections.Concurrent;
using System.Net;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>
/// Unit writes are committed in groups (one statement for the concurrent writes of a silo). Two silos; bed
/// managers write through both silos with If-Match, two of them on each unit so that they collide; one silo is killed
/// while its batches are in flight (both start on a copy of the seeded demo). No acknowledged write may be lost, no
/// write may be applied twice (a retried write whose answer was lost gets 412, not a second version), and
/// colliding writes still get 412 with the current version.
/// </summary>
public sealed class GroupCommitKillTests(PostgresFixture postgres)
{
    // The service id stays the seeded demo's: a copy of it holds its grains' state under that id.
    private static Dictionary<string, string> Settings => new(UnthrottledServerFixture.Unthrottled) { ["Cluster:Clustering"] = "adonet" };

    /// <summary>One PUT: the mark it carries (expectedDischarges), the version it named, and what came back.</summary>
    private sealed record Attempt(int Mark, long IfMatch, int Status, long? ETag, bool StartedAfterKill);

    private sealed class Unit(string finess, string id)
    {
        public string Path => $"/api/establishments/{finess}/units/{id}/beds";
        public string Read => $"/api/establishments/{finess}/units/{id}";
        public long Known;
        public int Marks;
        public ConcurrentQueue<Attempt> Attempts { get; } = new();
    }

    private static volatile bool _killed;

    [Fact]
    public async Task A_killed_silo_loses_no_acknowledged_write_applies_none_twice_and_conflicts_stay_412()
    {
        var output = TestContext.Current.TestOutputHelper!;
        _killed = false;
        var db = await postgres.CreateSeededDatabaseAsync();
        await using var doomedSilo = await ServerProcess.StartAsync(db, Settings);
        await using var survivor = await ServerProcess.StartAsync(db, Settings);
        using var viewer = await survivor.ClientAsync("viewer");
        var units = await PickUnitsAsync(viewer, 24);

        using var writer = await survivor.ClientAsync("admin");
        writer.Timeout = TimeSpan.FromSeconds(30);
        // Half the writers start on the silo to be killed, so that its grains hold writes in flight when it dies.
        using var doomed = await doomedSilo.ClientAsync("admin");
        doomed.Timeout = TimeSpan.FromSeconds(30);
        using var stop = new CancellationTokenSource();
        // Two writers per unit, each naming the version it last saw: they collide, as two bed managers would.
        var writers = Enumerable.Range(0, 8).Select(w => WriteAsync(w % 2 == 0 ? doomed : writer, writer, units, w, stop.Token)).ToArray();
        // Kill while writes flow (not on a fixed clock: a loaded machine may take seconds to answer the first).
        var ackedSoFar = () => units.Sum(u => u.Attempts.Count(a => a.Status == 200));
        Assert.True(await Eventually.ValueAsync(() => Task.FromResult(ackedSoFar() >= 60), x => x, TimeSpan.FromMinutes(2)), "writes never flowed");
        _killed = true;
        doomedSilo.Kill();
        // Then until every unit has taken a write again through the survivor.
        Assert.True(await Eventually.ValueAsync(() => Task.FromResult(units.All(u => u.Attempts.Any(a => a.StartedAfterKill && a.Status == 200))),
            x => x, TimeSpan.FromMinutes(2)), "some units never took a write again through the survivor");
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        var all = units.SelectMany(u => u.Attempts).ToList();
        output.WriteLine($"{all.Count(a => a.Status == 200)} acknowledged, {all.Count(a => a.Status == 412)} conflicts (412), " +
                         $"{all.Count(a => a.Status >= 500 || a.Status == 0)} unanswered or 503");
        Assert.Contains(all, a => a.Status == 412);
        Assert.Contains(all, a => a.Status >= 500 || a.Status == 0);
        // A 412 names the version that won, never one older than the version the writer named.
        Assert.All(all.Where(a => a.Status == 412), a => Assert.True(a.ETag > a.IfMatch, $"412 for If-Match {a.IfMatch} named version {a.ETag}"));
        // Each acknowledged write moved its unit exactly one version on from the one it named.
        Assert.All(all.Where(a => a.Status == 200), a => Assert.Equal(a.IfMatch + 1, a.ETag));

        var problems = new List<string>();
        foreach (var unit in units)
        {
            var acked = unit.Attempts.Where(a => a.Status == 200).ToList();
            // Two acknowledged writes on one version would be one applied over the other unseen.
            if (acked.GroupBy(a => a.ETag).FirstOrDefault(g => g.Count() > 1) is { } twice)
                problems.Add($"{unit.Path}: two writes acknowledged as version {twice.Key}");
            var last = acked.MaxBy(a => a.ETag);
            var (version, mark) = await ReadAsync(viewer, unit);
            if (last is not null && version < last.ETag) problems.Add($"{unit.Path}: holds version {version}, version {last.ETag} was acknowledged");
            if (last is not null && version == last.ETag && mark != last.Mark)
                problems.Add($"{unit.Path}: version {version} holds write #{mark}, acknowledged #{last.Mark}");

            // Retrying an unanswered write as a client would: applied already → 412 and the state holds it once;
            // not applied → 200 now. Either way the unit moves at most one version.
            foreach (var lost in unit.Attempts.Where(a => a.Status >= 500 || a.Status == 0))
            {
                var (before, _) = await ReadAsync(viewer, unit);
                using var retry = await writer.PutJsonAsync(unit.Path, Body(lost.Mark), $"\"{lost.IfMatch}\"");
                var (after, held) = await ReadAsync(viewer, unit);
                if (retry.StatusCode == HttpStatusCode.OK && (before != lost.IfMatch || after != lost.IfMatch + 1 || held != lost.Mark))
                    problems.Add($"{unit.Path}: retry of #{lost.Mark} on version {lost.IfMatch} accepted while the unit was at {before}");
                else if (retry.StatusCode == HttpStatusCode.PreconditionFailed && after != before)
                    problems.Add($"{unit.Path}: a refused retry changed the unit from {before} to {after}");
                else if (retry.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.PreconditionFailed))
                    problems.Add($"{unit.Path}: retry answered {(int)retry.StatusCode}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task WriteAsync(HttpClient first, HttpClient fallback, List<Unit> units, int writer, CancellationToken stop)
    {
        var http = first;
        var mine = units.Where((_, i) => i % 4 == writer % 4).ToList();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var unit = mine[n % mine.Count];
            var ifMatch = Interlocked.Read(ref unit.Known);
            var afterKill = _killed;
            var mark = Interlocked.Increment(ref unit.Marks);
            int status;
            long? etag = null;
            try
            {
                using var response = await http.PutJsonAsync(unit.Path, Body(mark), $"\"{ifMatch}\"");
                status = (int)response.StatusCode;
                if (response.Headers.ETag is { } tag) etag = long.Parse(tag.Tag.Trim('"'));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { status = 0; }
            unit.Attempts.Enqueue(new Attempt(mark, ifMatch, status, etag, afterKill));
            if (etag is { } seen) InterlockedMax(ref unit.Known, seen);
            if (status is >= 500 or 0)
            {
                http = fallback;
                await Task.Delay(200, CancellationToken.None);
            }
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        for (var current = Interlocked.Read(ref target); value > current; current = Interlocked.Read(ref target))
            if (Interlocked.CompareExchange(ref target, value, current) == current) return;
    }

    private static string Body(int mark) => Json.Beds(60, 0, 0, mark % 61, 0, mark);

    private static async Task<(long Version, int Mark)> ReadAsync(HttpClient viewer, Unit unit)
    {
        var summary = await viewer.GetJsonAsync(unit.Read);
        return (summary.GetProperty("version").GetInt64(), summary.Int("beds", "expectedDischarges"));
    }

    private static async Task<List<Unit>> PickUnitsAsync(HttpClient viewer, int count)
    {
        var establishments = await viewer.EstablishmentIdsAsync();
        var units = new List<Unit>();
        // Spread over the territory, so the unit grains live on both silos.
        for (var i = 0; units.Count < count && i < establishments.Count; i += 7)
        {
            var est = await viewer.GetJsonAsync($"/api/establishments/{establishments[i]}");
            var first = est.GetProperty("children").EnumerateArray().First();
            var unit = new Unit(establishments[i], first.GetProperty("id").GetString()!);
            unit.Known = first.GetProperty("version").GetInt64();
            units.Add(unit);
        }
        Assert.Equal(count, units.Count);
        return units;
    }
}
