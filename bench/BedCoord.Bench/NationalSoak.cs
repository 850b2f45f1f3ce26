using System.Collections.Concurrent;
using System.Diagnostics;

namespace BedCoord.Bench;

/// <summary>
/// `national-soak` (issue 11 item 2, "RSS ≤ 1 GiB after it and under load"): the national territory imported, then
/// N minutes of open-loop PUTs over random units at a steady rate, the server's RSS and CPU sampled every 30 s, so
/// that a leak or a cache growing with the number of units written shows as a rising line.
/// </summary>
public static class NationalSoak
{
    public static async Task<int> RunAsync(NationalSize size, int minutes, double rate)
    {
        await using var stack = await Stack.StartPostgresAsync();
        var national = await NationalStack.StartAsync(stack, "bedcoord_national_soak", size);
        var pid = stack.Server!.Id;
        var http = stack.Admin!;
        var start = ProcSnapshot.Of(pid);
        Console.WriteLine($"[soak] after import: RSS {start.RssKb / 1024} MiB, VmHWM {start.HwmKb / 1024} MiB; {rate}/s open loop for {minutes} min " +
                          $"over {stack.Units.Count:N0} units; loadavg {Machine.LoadAverage()}");

        var ok = 0; var errors = 0; var kinds = new ConcurrentDictionary<string, int>();
        var latencies = new ConcurrentBag<double>();
        var inflight = new ConcurrentBag<Task>();
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            var previous = start; var previousOk = 0;
            var elapsed = Stopwatch.StartNew();
            while (!done.IsCancellationRequested)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(30), done.Token); } catch (OperationCanceledException) { break; }
                var now = ProcSnapshot.Of(pid);
                var acked = Volatile.Read(ref ok);
                Console.WriteLine($"[soak] {elapsed.Elapsed.TotalMinutes:F1} min: RSS {now.RssKb / 1024} MiB (VmHWM {now.HwmKb / 1024}), " +
                                  $"{(acked - previousOk) / now.ElapsedSince(previous):F0} PUT/s acknowledged, server CPU {now.CpuPercentSince(previous):F0} % of one core, " +
                                  $"errors so far {Volatile.Read(ref errors)}; loadavg {Machine.LoadAverage()}");
                (previous, previousOk) = (now, acked);
            }
        });

        var (fired, maxLag) = await OpenLoop.RunAsync(rate, TimeSpan.FromMinutes(minutes), _ => inflight.Add(Task.Run(async () =>
        {
            var rng = Random.Shared;
            var t0 = Stopwatch.GetTimestamp();
            try
            {
                using var r = await http.SendAsync(Figures.Put(stack.Units[rng.Next(stack.Units.Count)], Figures.Random(rng)));
                if (r.IsSuccessStatusCode) { Interlocked.Increment(ref ok); latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds); }
                else { Interlocked.Increment(ref errors); kinds.AddOrUpdate(((int)r.StatusCode).ToString(), 1, (_, n) => n + 1); }
            }
            catch (Exception e) { Interlocked.Increment(ref errors); kinds.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1); }
        })));
        await Task.WhenAll(inflight);
        await done.CancelAsync();
        await sampler;

        var end = ProcSnapshot.Of(pid);
        var sorted = latencies.OrderBy(x => x).ToArray();
        double P(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        Console.WriteLine($"[soak] end: {fired} offered (max lag {maxLag:F0} ms), {ok} acknowledged, {errors} errors " +
                          $"({string.Join(", ", kinds.Select(k => $"{k.Key}: {k.Value}"))}); PUT p50 {P(0.5):F1} ms, p99 {P(0.99):F1} ms; " +
                          $"server CPU {end.CpuPercentSince(start):F0} % of one core ({end.CpuSecondsSince(start) * 1000 / Math.Max(1, ok):F2} ms per PUT); " +
                          $"RSS {end.RssKb / 1024} MiB, VmHWM {end.HwmKb / 1024} MiB (target <= 1,024 MiB: {(end.HwmKb <= 1024 * 1024 ? "MET" : "MISSED")}); loadavg {Machine.LoadAverage()}");
        _ = national;
        return 0;
    }
}
