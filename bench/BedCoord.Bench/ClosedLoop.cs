using System.Collections.Concurrent;
using System.Diagnostics;
using BedCoord.Testing;

namespace BedCoord.Bench;

/// <summary>What a closed-loop PUT phase measured, over its measured window only.</summary>
public sealed record ClosedLoopResult(int Ok, int Errors, IReadOnlyDictionary<string, int> ErrorKinds, Samples Latency, double Seconds,
    ProcSnapshot Server0, ProcSnapshot Server1, MachineCpu Machine0, MachineCpu Machine1)
{
    public double Rate => Ok / Seconds;
    public string ErrorSummary => ErrorKinds.Count == 0 ? "" : " " + string.Join(",", ErrorKinds.Select(kv => kv.Key + "×" + kv.Value));
    public string Cpu => $"server CPU {Server1.CpuPercentSince(Server0):F0} % of one core ({Server1.CpuSecondsSince(Server0) * 1000 / Math.Max(1, Ok):F2} ms CPU per 200), " +
        $"machine CPU busy {Machine1.BusyPercentSince(Machine0):F0} %, server RSS {Server1.RssKb / 1024} MiB, VmHWM {Server1.HwmKb / 1024} MiB";
}

/// <summary>
/// Durable PUTs as fast as the server acknowledges them: <see cref="Options.Workers"/> workers each send a PUT of
/// random valid figures to a random unit and wait for its answer; only answers inside the measured window, after
/// the warm-up, count.
/// </summary>
public static class ClosedLoop
{
    public static async Task<ClosedLoopResult> PutsAsync(ServerProcess server, HttpClient http, IReadOnlyList<UnitRef> units, Options o)
    {
        var latency = new Samples();
        var ok = 0; var errors = 0; var errorKinds = new ConcurrentDictionary<string, int>();
        var begin = Stopwatch.GetTimestamp();
        var windowStart = begin + (long)(o.WarmupSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(o.MeasureSeconds * Stopwatch.Frequency);
        ProcSnapshot? s0 = null; MachineCpu? m0 = null;
        var snapLock = new object();
        var workers = Enumerable.Range(0, o.Workers).Select(w => Task.Run(async () =>
        {
            var rng = new Random(w * 7919 + 1);
            while (true)
            {
                var t0 = Stopwatch.GetTimestamp();
                if (t0 >= windowEnd) return;
                if (t0 >= windowStart && s0 is null) lock (snapLock) if (s0 is null) { s0 = ProcSnapshot.Of(server.Id); m0 = MachineCpu.Now(); }
                var unit = units[rng.Next(units.Count)];
                string outcome;
                try
                {
                    using var response = await http.SendAsync(Figures.Put(unit, Figures.Random(rng)));
                    outcome = ((int)response.StatusCode).ToString();
                }
                catch (Exception e) { outcome = e.GetType().Name; }
                var t1 = Stopwatch.GetTimestamp();
                if (t0 < windowStart || t1 > windowEnd) continue;
                if (outcome == "200") { Interlocked.Increment(ref ok); latency.AddTicks(t1 - t0); }
                else { Interlocked.Increment(ref errors); errorKinds.AddOrUpdate(outcome, 1, (_, n) => n + 1); }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var s1 = ProcSnapshot.Of(server.Id); var m1 = MachineCpu.Now();
        return new ClosedLoopResult(ok, errors, new Dictionary<string, int>(errorKinds), latency, o.MeasureSeconds, s0!.Value, s1, m0!.Value, m1);
    }
}
