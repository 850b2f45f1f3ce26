using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using BedCoord.Persistence;

namespace BedCoord.Bench;

/// <summary>pgbench's simple-update on the bench's own PostgreSQL: the durable-write baseline of every run.</summary>
public static class Pgbench
{
    /// <summary>Runs pgbench on a scratch database of the same server and returns its tps.</summary>
    public static async Task<double> BaselineAsync(Stack stack, int seconds)
    {
        var pgbenchDb = "pgbench_scratch";
        await stack.Postgres.CreateDatabaseAsync(pgbenchDb);
        var pgbench = LocatePgbench();
        var common = new[] { "-h", "127.0.0.1", "-p", stack.Postgres.Port.ToString(), "-U", EmbeddedPostgres.SuperUser };
        await Run(pgbench, [.. common, "-i", "-q", pgbenchDb]);
        var pgArgs = new[] { "-b", "simple-update", "-c", "8", "-j", "2", "-T", seconds.ToString() };
        var cpu0 = MachineCpu.Now();
        var output = await Run(pgbench, [.. common, .. pgArgs, pgbenchDb]);
        var pgMachineCpu = MachineCpu.Now().BusyPercentSince(cpu0);
        var tpsMatch = Regex.Match(output, @"tps = ([0-9.]+) \((without|excluding) initial connection time\)");
        var tps = tpsMatch.Success ? double.Parse(tpsMatch.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
        var latencyLine = Regex.Match(output, @"latency average = .*").Value;
        Console.WriteLine($"[baseline] pgbench {string.Join(' ', pgArgs)} (scale 1, fsync=on, same PostgreSQL): tps = {tps:F1}; {latencyLine}; machine CPU busy {pgMachineCpu:F0} %");
        return tps;
    }

    private static string LocatePgbench()
    {
        foreach (var candidate in new[] { "/usr/lib/postgresql/15/bin/pgbench", "/usr/bin/pgbench" })
            if (File.Exists(candidate)) return candidate;
        var dir = Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().FirstOrDefault() : null;
        if (dir is not null && File.Exists(Path.Combine(dir, "bin", "pgbench"))) return Path.Combine(dir, "bin", "pgbench");
        return "pgbench";
    }

    private static async Task<string> Run(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var all = await stdout + await stderr;
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}:\n{all}");
        return all;
    }
}
