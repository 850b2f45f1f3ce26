using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace BedCoord.Bench;

/// <summary>
/// How far off the 24 h outlook was (docs/OUTLOOK.md): against a running server with stored history, for many
/// past instants t, asks GET /api/{kind}/{id}/outlook?at=t (the outlook as it would have been computed then,
/// from the state rebuilt from the input log and history before t only) and compares each horizon with the
/// available beds the 1-hour history shows at t+6/12/24 h; the baseline is "nothing changes" (available at t).
/// </summary>
/// <remarks>
/// Usage: outlook-backtest [--url=http://127.0.0.1:8090] [--token=...] [--every=6] [--warmup-days=28] [--parallel=2].
/// Scopes: every region, sector and département, and the largest establishment of each département.
/// </remarks>
public static class OutlookBacktest
{
    private static readonly int[] Horizons = [6, 12, 24];

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback) => args.FirstOrDefault(a => a.StartsWith($"--{name}=")) is { } a ? a[(name.Length + 3)..] : fallback;
        var url = new Uri(Arg("url", "http://127.0.0.1:8090"));
        var every = int.Parse(Arg("every", "6"), CultureInfo.InvariantCulture);
        var warmup = TimeSpan.FromDays(int.Parse(Arg("warmup-days", "28"), CultureInfo.InvariantCulture));
        var parallel = int.Parse(Arg("parallel", "2"), CultureInfo.InvariantCulture);
        var token = Arg("token", "");
        if (token == "")
        {
            using var anonymous = new HttpClient { BaseAddress = url };
            var issued = await anonymous.PostAsJsonAsync("/api/dev/token", new { sub = "outlook-backtest", role = "viewer", region = "OCC" });
            issued.EnsureSuccessStatusCode();
            var body = await issued.Content.ReadFromJsonAsync<JsonElement>();
            token = body.TryGetProperty("token", out var t) ? t.GetString()! : body.GetProperty("access_token").GetString()!;
        }
        using var http = Stack.NewClient(url, token, parallel * 2);
        http.Timeout = TimeSpan.FromMinutes(2);

        var scopes = await ScopesAsync(http);
        Console.WriteLine($"[backtest] {url} scopes={scopes.Count} every={every}h warmup={warmup.TotalDays}d parallel={parallel}");
        var errors = new ConcurrentBag<Sample>();
        var failures = 0;
        var calls = 0;
        var sw = Stopwatch.StartNew();
        var work = new List<(Scope Scope, DateTimeOffset At, Dictionary<DateTimeOffset, int> Actual)>();
        foreach (var scope in scopes)
        {
            var actual = await AvailableByHourAsync(http, scope);
            if (actual.Count == 0) continue;
            var first = actual.Keys.Min().AddHours(1) + warmup;
            var last = actual.Keys.Max().AddHours(1).AddHours(-24);
            var start = new DateTimeOffset(first.Ticks - first.Ticks % TimeSpan.FromHours(every).Ticks, TimeSpan.Zero).AddHours(every);
            for (var t = start; t <= last; t = t.AddHours(every)) work.Add((scope, t, actual));
        }
        Console.WriteLine($"[backtest] {work.Count} outlooks to compute");

        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (item, ct) =>
        {
            var (scope, at, actual) = item;
            if (!actual.TryGetValue(at.AddHours(-1), out var now)) return;
            var path = $"/api/{scope.Kinds}/{scope.Id}/outlook?at={Uri.EscapeDataString(at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))}";
            var response = await http.GetAsync(path, ct);
            // The per-caller rate limit of the server under test: wait as told and ask again.
            while ((int)response.StatusCode == 429)
            {
                await Task.Delay(TimeSpan.FromSeconds(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1), ct);
                response = await http.GetAsync(path, ct);
            }
            if (Interlocked.Increment(ref calls) % 500 == 0) Console.WriteLine($"[backtest] {calls}/{work.Count} in {sw.Elapsed.TotalSeconds:F0} s");
            if (!response.IsSuccessStatusCode)
            {
                if (Interlocked.Increment(ref failures) <= 5)
                    Console.WriteLine($"[backtest] {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                return;
            }
            var outlook = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            var inputs = outlook.GetProperty("inputs");
            var bjml = inputs.GetProperty("bjml").GetProperty("value").ValueKind == JsonValueKind.Number;
            var (start, open) = (inputs.GetProperty("available").GetInt32(), inputs.GetProperty("open").GetInt32());
            foreach (var p in outlook.GetProperty("points").EnumerateArray())
            {
                var h = p.GetProperty("horizonHours").GetInt32();
                if (h == 0 || !actual.TryGetValue(at.AddHours(h - 1), out var then)) continue;
                // The same flows without the calibration factor: what the raw method (factor 1) would have said.
                var raw = Math.Max(0, Math.Min(Math.Max(open, start), start + p.GetProperty("discharges").GetDouble() - p.GetProperty("admissions").GetDouble()));
                errors.Add(new Sample(scope.Kind, h, bjml, p.GetProperty("available").GetDouble(), p.GetProperty("low").GetDouble(),
                    p.GetProperty("high").GetDouble(), raw, now, then));
            }
        });

        Console.WriteLine($"[backtest] {calls} outlooks in {sw.Elapsed.TotalSeconds:F0} s ({failures} failed)");
        Report("all scopes", errors.ToList());
        foreach (var kind in errors.Select(e => e.Kind).Distinct().Order())
            Report(kind, errors.Where(e => e.Kind == kind).ToList());
        if (errors.Any(e => e.Bjml) && errors.Any(e => !e.Bjml))
        {
            Report("with BJML", errors.Where(e => e.Bjml).ToList());
            Report("without BJML", errors.Where(e => !e.Bjml).ToList());
        }
        return failures == 0 && !errors.IsEmpty ? 0 : 1;
    }

    private static void Report(string title, List<Sample> samples)
    {
        Console.WriteLine($"\n[backtest] {title}: {samples.Count / Horizons.Length} instants x scopes, {samples.Count(s => s.Bjml) * 100 / Math.Max(1, samples.Count)} % with a BJML");
        Console.WriteLine("| horizon | n | mean available | MAE outlook | MAE nothing-changes | MAE uncalibrated (factor 1) | bias outlook | in band |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var h in Horizons)
        {
            var s = samples.Where(x => x.Horizon == h).ToList();
            if (s.Count == 0) continue;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {h} h | {s.Count} | {s.Average(x => x.Actual):F1} | {s.Average(x => Math.Abs(x.Predicted - x.Actual)):F2} | {s.Average(x => Math.Abs(x.Now - x.Actual)):F2} | {s.Average(x => Math.Abs(x.Uncalibrated - x.Actual)):F2} | {s.Average(x => x.Predicted - x.Actual):+0.00;-0.00} | {s.Count(x => x.Low <= x.Actual && x.Actual <= x.High) * 100.0 / s.Count:F0} % |"));
        }
    }

    private sealed record Sample(string Kind, int Horizon, bool Bjml, double Predicted, double Low, double High, double Uncalibrated, int Now, int Actual);

    private sealed record Scope(string Kind, string Kinds, string Id);

    private static async Task<List<Scope>> ScopesAsync(HttpClient http)
    {
        var scopes = new List<Scope>();
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/api/territory"));
        foreach (var region in doc.RootElement.GetProperty("regions").EnumerateArray())
        {
            scopes.Add(new Scope("region", "regions", region.GetProperty("id").GetString()!));
            foreach (var sector in region.GetProperty("sectors").EnumerateArray())
            {
                scopes.Add(new Scope("sector", "sectors", sector.GetProperty("id").GetString()!));
                foreach (var dept in sector.GetProperty("departments").EnumerateArray())
                {
                    scopes.Add(new Scope("department", "departments", dept.GetProperty("code").GetString()!));
                    var largest = dept.GetProperty("establishments").EnumerateArray()
                        .MaxBy(e => e.GetProperty("units").GetArrayLength());
                    if (largest.ValueKind == JsonValueKind.Object)
                        scopes.Add(new Scope("establishment", "establishments", largest.GetProperty("id").GetString()!));
                }
            }
        }
        return scopes;
    }

    /// <summary>Available beds at the end of each hour bucket (key: the bucket's start), over the last 100 days.</summary>
    private static async Task<Dictionary<DateTimeOffset, int>> AvailableByHourAsync(HttpClient http, Scope scope)
    {
        var map = new Dictionary<DateTimeOffset, int>();
        var now = DateTimeOffset.UtcNow;
        var to = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerHour, TimeSpan.Zero).AddHours(-1);
        for (var from = to.AddDays(-100); from < to; from = from.AddHours(1900))
        {
            var end = from.AddHours(1899) < to ? from.AddHours(1899) : to;
            string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            var series = await http.GetFromJsonAsync<JsonElement>($"/api/{scope.Kinds}/{scope.Id}/history?from={Iso(from)}&to={Iso(end)}&step=1h");
            foreach (var p in series.GetProperty("points").EnumerateArray())
                map[p.GetProperty("at").GetDateTimeOffset()] = p.GetProperty("available").GetInt32();
        }
        return map;
    }
}
