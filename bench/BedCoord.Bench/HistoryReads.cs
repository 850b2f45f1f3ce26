using System.Diagnostics;
using System.Text.Json;
using BedCoord.Domain.History;
using BedCoord.Domain.Territory;

namespace BedCoord.Bench;

/// <summary>Sizes of the `history-reads` phase.</summary>
/// <param name="WritesPerUnit">Audit rows per unit over the window, on average (12 over 12 weeks: one a week).</param>
/// <param name="TierEstablishments">Also give establishments rows in the tiers (6.4 M more rows at 1 h: many minutes here).</param>
public sealed record HistoryReadOptions(NationalSize Size, int WritesPerUnit = 12, int Days = 84, int MinuteHours = 26,
    int Readers = 1, int WarmupSeconds = 10, int MeasureSeconds = 30, int HoldSeconds = 0, bool TierEstablishments = false)
{
    public static HistoryReadOptions Parse(string[] args, bool quick)
    {
        var o = quick
            ? new HistoryReadOptions(NationalSize.Parse(args), WritesPerUnit: 2, Days: 84, MinuteHours: 26, WarmupSeconds: 2, MeasureSeconds: 5)
            : new HistoryReadOptions(NationalSize.Parse(args));
        int Int(string name, int fallback) => args.FirstOrDefault(a => a.StartsWith($"--{name}=")) is { } a ? int.Parse(a[(name.Length + 3)..]) : fallback;
        return o with
        {
            WritesPerUnit = Int("writes-per-unit", o.WritesPerUnit), Days = Int("days", o.Days), Readers = Int("readers", o.Readers),
            WarmupSeconds = Int("read-warmup", o.WarmupSeconds), MeasureSeconds = Int("read-seconds", o.MeasureSeconds),
            HoldSeconds = Int("hold", 0), TierEstablishments = args.Contains("--tier-establishments"),
        };
    }
}

/// <summary>
/// `history-reads`: with the national territory imported and twelve weeks of past written (SyntheticHistory),
/// the latency of a département's history over ~12 weeks at 1 h and over 24 h at 1 min, and of a region's
/// replay (`?at=`) at random past instants. Closed loop, <see cref="HistoryReadOptions.Readers"/> concurrent
/// reader(s), random département / region / instant per request.
/// </summary>
public static class HistoryReads
{
    public static async Task<int> RunAsync(HistoryReadOptions o, int growthMinutes = 0)
    {
        await using var stack = await Stack.StartPostgresAsync();
        var national = await NationalStack.StartAsync(stack, "bedcoord_history_national", o.Size);
        await WritePastAsync(national, o);
        var code = await MeasureAsync(national, o);
        if (o.HoldSeconds > 0)
        {
            // To look at the stack by hand (EXPLAIN ANALYZE, a profiler) before it is torn down.
            Console.WriteLine($"[history-reads] holding {o.HoldSeconds} s: {national.Stack.ConnectionString} server {national.Stack.Server!.BaseAddress} pid {national.Stack.Server.Id} token {national.Stack.AdminToken}");
            await Task.Delay(TimeSpan.FromSeconds(o.HoldSeconds));
        }
        if (growthMinutes > 0) code += await HistoryGrowth.MeasureAsync(national, growthMinutes);
        return code;
    }

    public static async Task WritePastAsync(NationalStack national, HistoryReadOptions o)
    {
        // The past ends a minute before the server started, where the projector's own history begins.
        var end = Step.Minute.Floor(national.ServerStarted).AddMinutes(-1);
        var start = Step.Hour.Floor(end.AddDays(-o.Days));
        Console.WriteLine($"[history-data] loadavg before: {Machine.LoadAverage()}");
        await SyntheticHistory.WriteAuditAsync(national.Stack.ConnectionString!, national.Stack.Units, start, end, o.WritesPerUnit, o.Size.Seed);
        await SyntheticHistory.WriteTiersAsync(national.Stack.ConnectionString!,
            national.Scopes.Where(s => s.Scope.Kind != ScopeKind.Unit && (o.TierEstablishments || s.Scope.Kind != ScopeKind.Establishment)).ToList(),
            start, end.AddHours(-o.MinuteHours), end);
    }

    public static async Task<int> MeasureAsync(NationalStack national, HistoryReadOptions o)
    {
        var http = national.Stack.Admin!;
        var depts = national.Scopes.Where(s => s.Scope.Kind == ScopeKind.Department).Select(s => s.Scope.Id).ToList();
        var regions = national.Scopes.Where(s => s.Scope.Kind == ScopeKind.Region).ToList();
        var largest = regions.MaxBy(r => r.Units)!;
        var pastFrom = Step.Hour.Floor(national.ServerStarted.AddDays(-o.Days)).AddHours(1);
        var pastTo = national.ServerStarted.AddMinutes(-2);
        string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));

        // The longest range at 1 h the API answers: 2,000 points (Steps.MaxPoints), i.e. 83 days 8 h; a full
        // twelve weeks at 1 h is 2,017 points and answered 400 (checked below).
        var twelveWeeks = await http.GetAsync($"/api/departments/{depts[0]}/history?from={Iso(DateTimeOffset.UtcNow.AddDays(-84))}&to={Iso(DateTimeOffset.UtcNow)}&step=1h");
        Console.WriteLine($"[history-reads] a full 12 weeks (84 days) at step=1h: {(int)twelveWeeks.StatusCode} ({Steps.MaxPoints} points at most per answer)");

        Console.WriteLine($"[history-reads] loadavg before: {Machine.LoadAverage()}; {o.Readers} reader(s), {o.WarmupSeconds} s warm-up, {o.MeasureSeconds} s measured per query");
        var longRange = await ReadLoopAsync("département, 2,000 h (83 d 8 h) at step=1h", http, o, rng =>
        {
            var now = DateTimeOffset.UtcNow;
            return $"/api/departments/{depts[rng.Next(depts.Count)]}/history?from={Iso(now.AddHours(-(Steps.MaxPoints - 1)))}&to={Iso(now)}&step=1h";
        }, body => $"{Points(body)} points");
        var dayRange = await ReadLoopAsync("département, 24 h at step=1m", http, o, rng =>
        {
            var now = DateTimeOffset.UtcNow;
            return $"/api/departments/{depts[rng.Next(depts.Count)]}/history?from={Iso(now.AddHours(-24))}&to={Iso(now)}&step=1m";
        }, body => $"{Points(body)} points");
        string At(Random rng) => Iso(pastFrom + TimeSpan.FromTicks((long)(rng.NextDouble() * (pastTo - pastFrom).Ticks)));
        var replay = await ReadLoopAsync("region ?at= (random region, random instant of the past)", http, o,
            rng => $"/api/regions/{regions[rng.Next(regions.Count)].Scope.Id}?at={At(rng)}", Installed);
        var replayLargest = await ReadLoopAsync($"region ?at= of the largest region ({largest.Scope.Id}: {largest.Units:N0} units)", http, o,
            rng => $"/api/regions/{largest.Scope.Id}?at={At(rng)}", Installed);

        Console.WriteLine($"[history-reads] targets: history p99 <= 50 ms: 1h {Verdict(longRange, 50)}, 1m {Verdict(dayRange, 50)}; " +
            $"?at= p99 <= 200 ms: all regions {Verdict(replay, 200)}, largest {Verdict(replayLargest, 200)}");
        Console.WriteLine($"[history-reads] loadavg after: {Machine.LoadAverage()}");
        return 0;
    }

    private static string Verdict(Samples s, double ms) => $"{s.P(99):F1} ms {(s.P(99) <= ms ? "MET" : "MISSED")}";

    private static string Points(JsonElement body) =>
        (body.ValueKind == JsonValueKind.Array ? body : body.TryGetProperty("points", out var p) ? p : body.GetProperty("buckets")).GetArrayLength().ToString();

    private static string Installed(JsonElement body) =>
        $"installed {body.GetProperty("beds").GetProperty("installed").GetInt32()} at {body.GetProperty("at").GetString()}, {body.GetProperty("children").GetArrayLength()} children";

    /// <summary>GETs in a closed loop; the first answer is described (to check it holds what it should).</summary>
    public static async Task<Samples> ReadLoopAsync(string name, HttpClient http, HistoryReadOptions o, Func<Random, string> url,
        Func<JsonElement, string> describe)
    {
        var samples = new Samples();
        var errors = 0; var bytes = 0L; string? first = null; string? error = null;
        var begin = Stopwatch.GetTimestamp();
        var windowStart = begin + (long)(o.WarmupSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(o.MeasureSeconds * Stopwatch.Frequency);
        var machine0 = default(MachineCpu); var snapped = 0;
        await Task.WhenAll(Enumerable.Range(0, o.Readers).Select(r => Task.Run(async () =>
        {
            var rng = new Random(r * 31 + 7);
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= windowEnd) return;
                if (t0 >= windowStart && Interlocked.Exchange(ref snapped, 1) == 0) machine0 = MachineCpu.Now();
                var path = url(rng);
                using var response = await http.GetAsync(path);
                var body = await response.Content.ReadAsByteArrayAsync();
                var t1 = Stopwatch.GetTimestamp();
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                    error ??= $"{(int)response.StatusCode} {path}: {System.Text.Encoding.UTF8.GetString(body)[..Math.Min(300, body.Length)]}";
                    continue;
                }
                if (first is null)
                {
                    using var doc = JsonDocument.Parse(body);
                    first = $"{path} -> {describe(doc.RootElement)}, {body.Length:N0} bytes";
                }
                if (t0 < windowStart || t1 > windowEnd) continue;
                samples.AddTicks(t1 - t0);
                Interlocked.Add(ref bytes, body.Length);
            }
        })));
        var busy = MachineCpu.Now().BusyPercentSince(machine0);
        Console.WriteLine($"[history-reads] {name}:");
        Console.WriteLine($"[history-reads]   {samples.Describe()} (p95={samples.P(95):F2} ms); {samples.Count / (double)o.MeasureSeconds:F1} answers/s, " +
            $"{(samples.Count == 0 ? 0 : bytes / samples.Count):N0} bytes each; errors {errors}; machine CPU busy {busy:F0} %");
        Console.WriteLine($"[history-reads]   e.g. {first}");
        if (error is not null) Console.WriteLine($"[history-reads]   first error: {error}");
        return samples;
    }
}
