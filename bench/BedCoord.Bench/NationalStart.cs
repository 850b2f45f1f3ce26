using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Bench;

/// <summary>
/// `national-start` (issue 11, item 2): the synthetic national file imported in ONE request (time, RSS), the same
/// file again (must change nothing), then the server restarted N times: from process start, poll every region's
/// summary until all equal the totals read before the restart (the cold-start time; median reported). With `--kill`
/// each restart follows a `kill -9` instead of a clean stop: every scope then re-reads its children on activation.
/// </summary>
public static class NationalStart
{
    public static async Task<int> RunAsync(NationalSize size, int restarts, bool kill = false)
    {
        await using var stack = await Stack.StartPostgresAsync();
        var settings = new Dictionary<string, string> { ["Demo:Seed"] = "false" };
        await stack.StartServerAsync("bedcoord_national_start", settings, loadUnits: false);
        var document = NationalTerritory.Generate(size);
        Console.WriteLine($"[national] {size.Establishments} establishments / {size.Units} units: {document.Length / 1024.0 / 1024:F1} MiB; loadavg {Machine.LoadAverage()}");

        using var admin = Stack.NewClient(stack.Server!.BaseAddress, stack.AdminToken!, 4);
        admin.Timeout = TimeSpan.FromMinutes(10);
        var first = await ImportAsync(admin, document, stack.Server.Id, "first import");
        var second = await ImportAsync(admin, document, stack.Server.Id, "same file again");
        PrintServerLines(stack.Server, "Import:");
        using (var answer = JsonDocument.Parse(second))
        {
            var r = answer.RootElement;
            var idempotent = r.GetProperty("added").GetInt32() == 0 && r.GetProperty("updated").GetInt32() == 0 && r.GetProperty("unitsInitialized").GetInt32() == 0;
            Console.WriteLine($"[national] idempotent: {(idempotent ? "yes" : "NO")} ({second})");
        }
        _ = first;

        var regions = FrenchTerritory.Regions.Select(r => r.Id).ToList();
        var expected = await Eventually(async () =>
        {
            var totals = await RegionTotalsAsync(admin, regions);
            return totals.Values.Sum(t => t.Units) == size.Units ? totals : null;
        }, TimeSpan.FromMinutes(2)) ?? throw new InvalidOperationException("region totals never reached the imported unit count");
        Console.WriteLine($"[national] totals before restart: {expected.Values.Sum(t => t.Installed)} installed beds, {expected.Values.Sum(t => t.Units)} units in {expected.Count} regions");

        var times = new List<double>();
        for (var i = 1; i <= restarts; i++)
        {
            if (kill) stack.Server!.Kill();
            else await stack.Server!.StopAsync();
            PrintServerLines(stack.Server!, "Shutdown");
            await stack.Server.DisposeAsync();
            var all = new Dictionary<string, string>(UnthrottledServerFixture.Unthrottled) { ["Demo:Seed"] = "false" };
            var load = Machine.LoadAverage();
            var sw = Stopwatch.StartNew();
            stack.Server = await ServerProcess.StartAsync(stack.ConnectionString!, all, TimeSpan.FromMinutes(3), "/health/live");
            var live = sw.Elapsed.TotalSeconds;
            var token = await stack.Server.TokenAsync("admin", sub: "bench");
            using var http = Stack.NewClient(stack.Server.BaseAddress, token, 32);
            var polls = 0;
            var got = await Eventually(async () =>
            {
                polls++;
                var now = await RegionTotalsAsync(http, regions);
                return regions.All(r => now.TryGetValue(r, out var t) && t == expected[r]) ? now : null;
            }, TimeSpan.FromMinutes(3));
            var took = sw.Elapsed.TotalSeconds;
            var proc = ProcSnapshot.Of(stack.Server.Id);
            Console.WriteLine($"[cold-start{(kill ? " after kill -9" : "")}] {i}/{restarts}: every region correct {(got is null ? "NEVER (3 min)" : $"{took:F2} s")} after process start (live at {live:F2} s, {polls} polls); " +
                              $"RSS {proc.RssKb / 1024} MiB, VmHWM {proc.HwmKb / 1024} MiB; loadavg before: {load}");
            if (got is not null) times.Add(took);
            PrintServerLines(stack.Server, "Startup:");
        }
        if (times.Count > 0)
        {
            times.Sort();
            Console.WriteLine($"[cold-start{(kill ? " after kill -9" : "")}] median of {times.Count}: {times[times.Count / 2]:F2} s (all: {string.Join(", ", times.Select(t => t.ToString("F2")))}) (target <= 5 s: {(times[times.Count / 2] <= 5 ? "MET" : "MISSED")})");
        }
        return 0;
    }

    private static async Task<string> ImportAsync(HttpClient admin, byte[] document, int serverPid, string what)
    {
        var content = new ByteArrayContent(document);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var before = ProcSnapshot.Of(serverPid);
        var load = Machine.LoadAverage();
        var sw = Stopwatch.StartNew();
        using var response = await admin.PostAsync("/api/admin/territory", content);
        var answer = await response.Content.ReadAsStringAsync();
        var after = ProcSnapshot.Of(serverPid);
        Console.WriteLine($"[import] {what}: {(int)response.StatusCode} in {sw.Elapsed.TotalSeconds:F2} s, server CPU {after.CpuSecondsSince(before):F1} s; " +
                          $"RSS {after.RssKb / 1024} MiB, VmHWM {after.HwmKb / 1024} MiB; loadavg before: {load}");
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"import answered {(int)response.StatusCode}: {answer}");
        return answer;
    }

    // The server's own phase lines (time since process start, import phases): where the time went.
    private static void PrintServerLines(ServerProcess server, string marker)
    {
        foreach (var line in server.Log.Split('\n').Where(l => l.Contains(marker, StringComparison.Ordinal)))
            Console.WriteLine($"    server: {line.Trim()}");
    }

    private sealed record Totals(int Installed, int Occupied, int Available, int Units);

    private static async Task<Dictionary<string, Totals>> RegionTotalsAsync(HttpClient http, IEnumerable<string> regions)
    {
        var all = new Dictionary<string, Totals>();
        foreach (var region in regions)
        {
            try
            {
                using var response = await http.GetAsync($"/api/regions/{region}");
                if (!response.IsSuccessStatusCode) continue;
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var beds = doc.RootElement.GetProperty("beds");
                all[region] = new Totals(beds.GetProperty("installed").GetInt32(), beds.GetProperty("occupied").GetInt32(),
                    beds.GetProperty("available").GetInt32(), doc.RootElement.GetProperty("freshness").GetProperty("units").GetInt32());
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
        }
        return all;
    }

    private static async Task<T?> Eventually<T>(Func<Task<T?>> probe, TimeSpan timeout) where T : class
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(50);
        }
        return null;
    }
}
