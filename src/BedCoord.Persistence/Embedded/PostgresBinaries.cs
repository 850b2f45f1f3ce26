namespace BedCoord.Persistence.Embedded;

/// <summary>Where the PostgreSQL server programs live: BEDCOORD_PG_BIN, then PATH, then Debian's versioned dirs.</summary>
internal sealed record PostgresBinaries(string Directory)
{
    public string InitDb => Path.Combine(Directory, "initdb");
    public string PgCtl => Path.Combine(Directory, "pg_ctl");

    private static readonly string[] Required = ["initdb", "pg_ctl", "postgres"];

    public static PostgresBinaries Locate()
    {
        foreach (var candidate in Candidates())
        {
            if (Required.All(exe => File.Exists(Path.Combine(candidate, exe))))
                return new PostgresBinaries(candidate);
        }
        throw new InvalidOperationException(
            "PostgreSQL server programs (initdb, pg_ctl, postgres) were not found via BEDCOORD_PG_BIN, on PATH, " +
            "or under /usr/lib/postgresql/*/bin. Install Debian's postgresql package (apt-get install postgresql) " +
            "or set BEDCOORD_PG_BIN to the directory that holds them.");
    }

    private static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable("BEDCOORD_PG_BIN") is { Length: > 0 } configured)
            yield return configured;

        // Debian puts only symlinks on PATH; pg_ctl must be run from the real directory to find its postgres.
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var pgCtl = new FileInfo(Path.Combine(dir, "pg_ctl"));
            if (!pgCtl.Exists)
                continue;
            var real = pgCtl.LinkTarget is null ? pgCtl : pgCtl.ResolveLinkTarget(returnFinalTarget: true) ?? pgCtl;
            yield return Path.GetDirectoryName(real.FullName)!;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(debianRoot))
        {
            var newestFirst = System.IO.Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: d, Version: double.TryParse(Path.GetFileName(d), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0))
                .OrderByDescending(x => x.Version);
            foreach (var (dir, _) in newestFirst)
                yield return Path.Combine(dir, "bin");
        }
    }
}
