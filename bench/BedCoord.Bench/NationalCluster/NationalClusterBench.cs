using System.Diagnostics;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Bench;

public sealed record NationalClusterOptions(double Rate = 200, int WarmSeconds = 30, int WatchSeconds = 30, int SettleSeconds = 15, int UnitsPerRegion = 200)
{
    public static NationalClusterOptions Parse(string[] args)
    {
        int Int(string name, int fallback) => args.FirstOrDefault(a => a.StartsWith($"--{name}=")) is { } a ? int.Parse(a[(name.Length + 3)..]) : fallback;
        var o = args.Contains("--quick") ? new NationalClusterOptions(Rate: 50, WarmSeconds: 5, WatchSeconds: 15, SettleSeconds: 3, UnitsPerRegion: 20) : new NationalClusterOptions();
        return o with
        {
            Rate = Int("rate", (int)o.Rate), WarmSeconds = Int("warm", o.WarmSeconds), WatchSeconds = Int("watch", o.WatchSeconds),
            SettleSeconds = Int("settle", o.SettleSeconds), UnitsPerRegion = Int("units-per-region", o.UnitsPerRegion),
        };
    }
}

/// <summary>
/// `national-cluster` (issue 11 §7): three silos on one PostgreSQL with the national territory, a writer at a steady
/// offered rate over every region (retrying a failed write on another silo), a checker reading every region's sums
/// about twice a second against those of the acknowledged writes, and a board per region that follows the cluster.
/// Then (a) a silo killed with SIGKILL: seconds until every region reads correct again and stays so; the killed slot
/// is started again; (b) a rolling restart, each silo in turn stopped with SIGTERM and started again: writes failed
/// after retries, regions read wrong, and at the end whether every board holds its region's latest sums. Last,
/// every written unit is read back: each must hold its last acknowledged figures.
/// </summary>
public static class NationalClusterBench
{
    private const int Silos = 3;

    public static async Task<int> RunAsync(NationalSize size, NationalClusterOptions o)
    {
        Console.WriteLine($"[national-cluster] {Silos} silos, {size.Establishments} establishments / {size.Units} units, writer {o.Rate}/s offered over " +
                          $"{o.UnitsPerRegion} units per region, {o.WarmSeconds} s steady, {o.WatchSeconds} s watched after the kill, {o.SettleSeconds} s between restarts");
        await using var stack = await Stack.StartPostgresAsync();
        var database = "bedcoord_national_cluster";
        var cs = await stack.Postgres.CreateDatabaseAsync(database);
        var pgData = stack.Postgres.DataDirectory;
        var settings = new Dictionary<string, string>(UnthrottledServerFixture.Unthrottled)
        {
            ["Cluster:Clustering"] = "adonet",
            ["Cluster:ServiceId"] = database,
            ["Demo:Seed"] = "false",
        };
        await using var silos = new SiloSet(cs, settings, Silos);
        for (var i = 0; i < Silos; i++)
            Console.WriteLine($"[setup] silo {i} ready in {await silos.StartAsync(i):F1} s: pid {silos[i]!.Id} {silos[i]!.BaseAddress} (empty territory)");

        // ---- The national territory, imported once the cluster is up ----
        await NationalClusterSetup.ImportAsync(silos, size);
        var http = silos.Client(0)!;
        var all = await NationalClusterSetup.UnitsAsync(http);
        var regions = all.Select(u => u.Region).Distinct().ToList();
        Console.WriteLine($"[setup] every unit counted in its region {await NationalClusterSetup.WaitAllReportedAsync(http, regions, all.Count):F1} s after the import answered; " +
                          $"{all.Count} units in {regions.Count} regions; RSS {silos.Rss()}");
        var byRegion = await NationalClusterSetup.PickAndReadAsync(http, all, o.UnitsPerRegion);
        var ledger = new RegionLedger(await NationalClusterSetup.RegionSumsAsync(http, byRegion.Select(r => r[0].Region)));
        Console.WriteLine($"[setup] writer's units: {byRegion.Sum(r => r.Count)} ({string.Join(", ", byRegion.Select(r => $"{r[0].Region} {r.Count}"))})");
        var storage0 = await NationalClusterSetup.StorageAsync(cs);

        var writer = new RetryingWriter(silos, ledger, byRegion);
        var checker = new RegionChecker(silos, ledger);
        var boards = regions.Select((r, i) => new RoamingBoard(silos, r, i)).ToList();
        await Task.WhenAll(boards.Select(b => b.StartAsync()));

        using var stopChecker = new CancellationTokenSource();
        var checking = checker.RunAsync(stopChecker.Token);
        using var stopWriter = new CancellationTokenSource();
        var writing = writer.RunAsync(o.Rate, stopWriter.Token);
        PhaseMark Mark() => PhaseMark.Take(silos, writer, pgData);

        // ---- Steady state ----
        var steady = Mark();
        await Task.Delay(TimeSpan.FromSeconds(o.WarmSeconds));
        var steadyEnd = Mark();
        var storage1 = await NationalClusterSetup.StorageAsync(cs);
        Console.WriteLine($"[steady] {steadyEnd.Writes(steady)}; PUT (with retries) {writer.TakeLatency().Describe()}");
        Console.WriteLine($"[steady]   {steadyEnd.Cpu(steady)}");
        Console.WriteLine($"[steady]   region reads {Counts(checker.Count(steady.At, steadyEnd.At))}; RSS {silos.Rss()}; PostgreSQL connections held by the silos: {storage1.Connections}");
        Errors(silos, "steady");

        // ---- (a) kill -9 of the silo that took the import ----
        var beforeKill = Mark();
        var killedAt = Stopwatch.GetTimestamp();
        silos.Kill(0);
        Console.WriteLine($"[kill] silo 0 killed (SIGKILL); loadavg {Machine.LoadAverage()}");
        await Task.Delay(TimeSpan.FromSeconds(o.WatchSeconds));
        var afterKill = Mark();
        var settled = checker.SettledAfter(killedAt, afterKill.At);
        Console.WriteLine($"[kill] every region's sums read correct again and stayed so: {RegionChecker.Describe(settled)} after the kill " +
                          $"(target <= 10 s: {(settled.Values.All(v => v <= 10) ? "MET" : "MISSED")})");
        Console.WriteLine($"[kill]   per region: {string.Join(", ", settled.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {(kv.Value is { } v ? v.ToString("F1") : "never")}"))}");
        Console.WriteLine($"[kill]   region reads {Counts(checker.Count(killedAt, afterKill.At))}{Wrong(checker)}");
        Console.WriteLine($"[kill]   writes over the {o.WatchSeconds} s: {afterKill.Writes(beforeKill)}; PUT (with retries) {writer.TakeLatency().Describe()}; retried on: {writer.RetryCauses}");
        Console.WriteLine($"[kill]   {afterKill.Cpu(beforeKill)}; RSS {silos.Rss()}");
        foreach (var line in DeathLines(silos)) Console.WriteLine($"[kill]   survivor log: {line}");
        Errors(silos, "kill");
        Console.WriteLine($"[kill] slot 0 started again (a new process joining under load): ready in {await silos.StartAsync(0):F1} s; RSS {silos.Rss()}");
        await Task.Delay(TimeSpan.FromSeconds(o.SettleSeconds));

        // ---- (b) rolling restart: one silo at a time, SIGTERM, then a new process ----
        var rollStart = Mark();
        for (var slot = 0; slot < Silos; slot++)
        {
            var before = Mark();
            var stopped = await silos.StopAsync(slot);
            var down = Mark();
            var started = await silos.StartAsync(slot);
            await Task.Delay(TimeSpan.FromSeconds(o.SettleSeconds));
            var after = Mark();
            Console.WriteLine($"[rolling] slot {slot}: stopped (SIGTERM to exit) in {stopped:F1} s{(stopped >= 44 ? " (killed after 45 s: not a clean stop)" : "")}, new process ready in {started:F1} s; " +
                              $"RSS now {silos.Rss()}");
            Console.WriteLine($"[rolling]   writes from SIGTERM to {o.SettleSeconds} s after the new one was ready: {after.Writes(before)}");
            Console.WriteLine($"[rolling]   region reads {Counts(checker.Count(before.At, after.At))}{Wrong(checker)}; all correct again {RegionChecker.Describe(checker.SettledAfter(down.At, after.At))} after the old process exited");
            Console.WriteLine($"[rolling]   {after.Cpu(before)}");
            Errors(silos, "rolling");
        }
        var rollEnd = Mark();
        Console.WriteLine($"[rolling] whole restart: {rollEnd.Writes(rollStart)}; PUT (with retries) {writer.TakeLatency().Describe()}; retried on: {writer.RetryCauses}; refused (4xx): {writer.RefusedKinds}");

        // ---- The end: writes stop; regions, boards and units checked ----
        await stopWriter.CancelAsync();
        await writing;
        var end = Mark();
        var boardsAt = await BoardsHoldLatestAsync(boards, ledger);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var regionsAt = checker.SettledAfter(end.At, Stopwatch.GetTimestamp());
        await stopChecker.CancelAsync();
        await checking;
        Console.WriteLine($"[end] writer stopped: {end.Writes(steady)} over the whole run; failed after retries {writer.Failed} (target 0: {(writer.Failed == 0 ? "MET" : "MISSED")})");
        Console.WriteLine($"[end]   regions correct after the last write: {RegionChecker.Describe(regionsAt)}");
        Console.WriteLine($"[end]   boards (one per region, {boards.Sum(b => b.Reconnects)} reconnections to another silo, {boards.Sum(b => b.Resyncs)} resyncs): {boardsAt}");
        var lost = await LostAsync(silos, byRegion.SelectMany(r => r).ToList());
        Console.WriteLine($"[end]   acknowledged writes lost: {lost.Count} of {byRegion.Sum(r => r.Count)} units read back (each must hold its last 200){(lost.Count == 0 ? "" : ": " + string.Join("; ", lost.Take(5)))}");
        var storage2 = await NationalClusterSetup.StorageAsync(cs);
        var writes = writer.Acked;
        Console.WriteLine($"[end]   storage: database {Mib(storage0.Database)} -> {Mib(storage2.Database)}, audit trail {Mib(storage0.Audit)} -> {Mib(storage2.Audit)} " +
                          $"(+{storage2.AuditRows - storage0.AuditRows:N0} rows; {(storage2.Audit - storage0.Audit) / Math.Max(1.0, writes):F0} bytes per acknowledged write, " +
                          $"database {(storage2.Database - storage0.Database) / Math.Max(1.0, writes):F0} bytes per write)");
        Console.WriteLine($"[end]   RSS {silos.Rss()}, VmHWM {silos.Hwm()}");
        Errors(silos, "end");
        Console.WriteLine($"[end]   {await NationalClusterSetup.LogbookBytesAsync(cs, silos.Client(0)!, "75", 2000)}");
        foreach (var b in boards) await b.DisposeAsync();
        return 0;
    }

    /// <summary>Seconds until every board holds its region's expected sums (the writes have stopped).</summary>
    private static async Task<string> BoardsHoldLatestAsync(List<RoamingBoard> boards, RegionLedger ledger)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (boards.All(b => b.Held == ledger.Expected(b.Region))) return $"all {boards.Count} hold the latest sums {sw.Elapsed.TotalSeconds:F2} s after the last 200 (target: a few seconds)";
            await Task.Delay(50);
        }
        var behind = boards.Where(b => b.Held != ledger.Expected(b.Region)).ToList();
        return $"{behind.Count} of {boards.Count} STILL STALE 30 s after the last 200: " +
               string.Join("; ", behind.Take(3).Select(b => $"{b.Region} holds {b.Held?.ToString() ?? "nothing"}, expected {ledger.Expected(b.Region)}"));
    }

    private static async Task<List<string>> LostAsync(SiloSet silos, List<WrittenUnit> units)
    {
        var lost = new List<string>();
        await Updates.ForEachAsync(units, 16, async (u, rng) =>
        {
            using var doc = JsonDocument.Parse(await silos.Client(rng.Next())!.GetStringAsync(u.Path));
            var held = BedInputs.Of(doc.RootElement.GetProperty("beds"));
            if (held != u.Acked && held != u.Doubt) lock (lost) lost.Add($"{u.Path} holds {held}, last 200 {u.Acked}");
        });
        return lost;
    }

    private static IEnumerable<string> DeathLines(SiloSet silos) =>
        Enumerable.Range(0, silos.Slots).Select(s => silos[s]).Where(s => s is { HasExited: false })
            .SelectMany(s => s!.Log.Split('\n')).Where(l => l.Contains("declared dead", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().Take(3);

    /// <summary>What the silos logged as errors during the phase: a 500 or a failed storage write shows here.</summary>
    private static void Errors(SiloSet silos, string phase)
    {
        var errors = silos.TakeErrors();
        Console.WriteLine($"[{phase}]   errors logged by the silos: {(errors.Count == 0 ? "none" : errors.Count + " kinds")}");
        foreach (var e in errors.Take(6)) Console.WriteLine($"[{phase}]     {e}");
    }

    private static string Counts(Dictionary<Verdict, int> c) => $"correct {c[Verdict.Correct]}, WRONG {c[Verdict.Wrong]}, no answer {c[Verdict.NoAnswer]}";
    private static string Wrong(RegionChecker checker) => checker.LastWrong.Length == 0 ? "" : $" (last wrong: {checker.LastWrong})";
    private static string Mib(long bytes) => $"{bytes / 1024.0 / 1024:F1} MiB";
}
