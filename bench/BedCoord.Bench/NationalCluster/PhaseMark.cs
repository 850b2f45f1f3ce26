using System.Diagnostics;

namespace BedCoord.Bench;

/// <summary>
/// The counters and CPU clocks at one instant, so that a phase of the run (steady writes, the kill, one restart)
/// is reported as the difference of its two ends: silos' CPU (processes alive at both ends), PostgreSQL's, the
/// bench's own (writer, checker, boards), the machine's, and the writer's counts.
/// </summary>
public sealed record PhaseMark(long At, Dictionary<int, ProcSnapshot> Silos, long PostgresTicks, ProcSnapshot Bench, MachineCpu Machine,
    int Acked, int Failed, int Retried, int Attempts, int Skipped, string Load)
{
    public static PhaseMark Take(SiloSet silos, RetryingWriter writer, string postgresData) =>
        new(Stopwatch.GetTimestamp(), silos.Cpu(), PostgresCpu.Ticks(postgresData), ProcSnapshot.Self(), MachineCpu.Now(),
            writer.Acked, writer.Failed, writer.Retried, writer.Attempts, writer.Skipped, BedCoord.Bench.Machine.LoadAverage());

    public double SecondsSince(PhaseMark before) => Stopwatch.GetElapsedTime(before.At, At).TotalSeconds;

    /// <summary>"acked 200.1/s (6,003), failed after retries 0, retried 12, skipped 0".</summary>
    public string Writes(PhaseMark before)
    {
        var acked = Acked - before.Acked;
        return $"acknowledged {acked / SecondsSince(before):F1}/s ({acked:N0}), failed after retries {Failed - before.Failed}, " +
               $"answered only after a retry {Retried - before.Retried}, attempts {Attempts - before.Attempts:N0}, skipped (unit busy) {Skipped - before.Skipped}";
    }

    /// <summary>CPU over the phase in % of ONE core (200 % = the whole machine), and per acknowledged write.</summary>
    public string Cpu(PhaseMark before)
    {
        var seconds = SecondsSince(before);
        var acked = Math.Max(1, Acked - before.Acked);
        var silos = Silos.Where(s => before.Silos.ContainsKey(s.Key)).Select(s => s.Value.CpuSecondsSince(before.Silos[s.Key])).ToList();
        var siloText = silos.Count == 0 ? "no silo alive at both ends" : string.Join(" / ", silos.Select(c => $"{100 * c / seconds:F0} %"));
        var pg = (PostgresTicks - before.PostgresTicks) / ProcSnapshot.TicksPerSecond;
        return $"silos {siloText} (alive at both ends; {silos.Sum() * 1000 / acked:F2} ms per 200), PostgreSQL {100 * pg / seconds:F0} % " +
               $"({pg * 1000 / acked:F2} ms per 200), bench {Bench.CpuPercentSince(before.Bench):F0} %, machine busy {Machine.BusyPercentSince(before.Machine):F0} %; " +
               $"loadavg {before.Load} -> {Load}";
    }
}

/// <summary>CPU of the bench's own PostgreSQL: the postmaster (its pid file), its live children and those that exited.</summary>
public static class PostgresCpu
{
    public static long Ticks(string dataDirectory)
    {
        try
        {
            var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First());
            long total = 0;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    // After "pid (comm) ": state is index 0, ppid 1, utime 11, stime 12, cutime 13, cstime 14. The
                    // postmaster's cutime/cstime hold the backends that have exited (a killed silo's connections).
                    if (pid == postmaster) total += long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]);
                    else if (int.Parse(fields[1]) == postmaster) total += long.Parse(fields[11]) + long.Parse(fields[12]);
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            return total;
        }
        catch (Exception e) when (e is IOException or FormatException) { return 0; }
    }
}
