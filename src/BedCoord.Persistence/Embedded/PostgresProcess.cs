using System.Diagnostics;

namespace BedCoord.Persistence.Embedded;

/// <summary>
/// Runs PostgreSQL programs. initdb and postgres refuse to run as root, so as root they run as the
/// unprivileged "postgres" system user through runuser.
/// </summary>
internal static class PostgresProcess
{
    public const string ServiceUser = "postgres";

    // On Unix this is "effective uid is 0".
    public static bool IsRoot { get; } = !OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess;

    public sealed record Result(int ExitCode, string Output)
    {
        public bool Succeeded => ExitCode == 0;
    }

    /// <summary>Runs a PostgreSQL program, as <see cref="ServiceUser"/> when we are root.</summary>
    public static Task<Result> RunPostgresAsync(string program, IEnumerable<string> args, CancellationToken ct = default) =>
        IsRoot
            ? RunAsync("runuser", ["-u", ServiceUser, "--", program, .. args], ct)
            : RunAsync(program, args, ct);

    public static async Task<Result> RunAsync(string program, IEnumerable<string> args, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The postgres user cannot necessarily enter our working directory; initdb and pg_ctl complain if so.
            WorkingDirectory = "/",
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // Missing locales on slim images make initdb and postgres fail or warn; C is always there.
        start.Environment["LC_ALL"] = "C";

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = (await stdout + await stderr).Trim();
        return new Result(process.ExitCode, output);
    }

    public static async Task EnsureServiceUserAsync(CancellationToken ct)
    {
        if ((await RunAsync("id", ["-u", ServiceUser], ct)).Succeeded)
            return;
        var created = await RunAsync("useradd",
            ["--system", "--user-group", "--no-create-home", "--home-dir", "/var/lib/postgresql", "--shell", "/bin/false", ServiceUser], ct);
        if (!created.Succeeded)
            throw new InvalidOperationException($"Running as root, and creating the '{ServiceUser}' system user failed: {created.Output}");
    }

    public static async Task ChownToServiceUserAsync(string path, CancellationToken ct)
    {
        var chown = await RunAsync("chown", ["-R", ServiceUser + ":", path], ct);
        if (!chown.Succeeded)
            throw new InvalidOperationException($"chown of {path} to {ServiceUser} failed: {chown.Output}");
    }

    /// <summary>
    /// The postgres user must be able to walk down to the data directory; a parent like /root (0700) stops it.
    /// Only the search bit is added, which lets it pass through but not list anything.
    /// </summary>
    public static async Task EnsureServiceUserCanReachAsync(string directory, Action<string> warn, CancellationToken ct)
    {
        if (OperatingSystem.IsWindows())
            return;
        if ((await RunAsync("runuser", ["-u", ServiceUser, "--", "test", "-w", directory], ct)).Succeeded)
            return;
        for (var dir = Path.GetDirectoryName(directory); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            var mode = File.GetUnixFileMode(dir);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                warn($"Adding o+x to {dir} so the '{ServiceUser}' user can reach {directory}.");
                File.SetUnixFileMode(dir, mode | UnixFileMode.OtherExecute);
            }
        }
        if (!(await RunAsync("runuser", ["-u", ServiceUser, "--", "test", "-w", directory], ct)).Succeeded)
            throw new InvalidOperationException($"The '{ServiceUser}' user cannot write to {directory}; choose a data directory it can reach.");
    }
}
