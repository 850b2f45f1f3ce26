using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using BedCoord.Persistence.Embedded;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BedCoord.Persistence;

/// <summary>
/// A real PostgreSQL server run from the machine's own binaries, listening only on 127.0.0.1 with trust
/// authentication: for tests and a single dev box, never for anything reachable from a network.
/// </summary>
public sealed partial class EmbeddedPostgres : IAsyncDisposable
{
    public const string SuperUser = "postgres";
    private const string ConfigFile = "bedcoord.conf";
    private const string LogFile = "server.log";

    private readonly PostgresBinaries _binaries;
    private readonly ILogger _log;
    private int _stopped;

    private EmbeddedPostgres(PostgresBinaries binaries, string dataDirectory, int port, ILogger log)
    {
        _binaries = binaries;
        DataDirectory = dataDirectory;
        Port = port;
        _log = log;
        ConnectionString = ConnectionStringFor("postgres");
    }

    public string DataDirectory { get; }
    public int Port { get; }

    /// <summary>Npgsql connection string for the "postgres" maintenance database as the superuser.</summary>
    public string ConnectionString { get; }

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>
    /// Starts a server on <paramref name="dataDirectory"/>, creating the cluster if the directory holds none.
    /// <paramref name="port"/> null picks a free loopback port (each start may get a different one).
    /// </summary>
    public static async Task<EmbeddedPostgres> StartAsync(string dataDirectory, int? port = null, ILogger? log = null, CancellationToken ct = default)
    {
        log ??= NullLogger.Instance;
        var binaries = PostgresBinaries.Locate();
        dataDirectory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(dataDirectory);

        if (PostgresProcess.IsRoot)
        {
            await PostgresProcess.EnsureServiceUserAsync(ct);
            await PostgresProcess.ChownToServiceUserAsync(dataDirectory, ct);
            await PostgresProcess.EnsureServiceUserCanReachAsync(dataDirectory, m => log.LogWarning("{Message}", m), ct);
        }

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
            await InitDbAsync(binaries, dataDirectory, log, ct);
        await ClearStalePidFileAsync(binaries, dataDirectory, log, ct);

        // A picked port can be taken by someone else before postgres binds it; pick again in that case.
        var attempts = port is null ? 3 : 1;
        for (var attempt = 1; ; attempt++)
        {
            var chosenPort = port ?? FreeLoopbackPort();
            var server = new EmbeddedPostgres(binaries, dataDirectory, chosenPort, log);
            try
            {
                await server.StartServerAsync(ct);
                return server;
            }
            catch (InvalidOperationException e) when (attempt < attempts)
            {
                log.LogWarning(e, "PostgreSQL did not start on port {Port}; retrying on another port", chosenPort);
            }
        }
    }

    /// <summary>
    /// Stops a server a killed process left running on <paramref name="dataDirectory"/> and removes a stale
    /// pid file, so the directory can be deleted or reused.
    /// </summary>
    public static async Task StopLeftoverAsync(string dataDirectory, ILogger? log = null, CancellationToken ct = default)
    {
        if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
            await ClearStalePidFileAsync(PostgresBinaries.Locate(), Path.GetFullPath(dataDirectory), log ?? NullLogger.Instance, ct);
    }

    /// <summary>Creates <paramref name="name"/> unless it exists; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        if (!DatabaseName().IsMatch(name))
            throw new ArgumentException($"'{name}' is not a plain database name (letters, digits, underscore; max 63).", nameof(name));

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", connection);
        exists.Parameters.AddWithValue(name);
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        return ConnectionStringFor(name);
    }

    /// <summary>Fast shutdown: open sessions are rolled back, committed data is kept. Safe to call twice.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
            return;
        // Pooled connections die with the server; drop them so a later server on the same port starts clean.
        NpgsqlConnection.ClearAllPools();
        var stop = await PostgresProcess.RunPostgresAsync(_binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"]);
        if (!stop.Succeeded)
            _log.LogWarning("pg_ctl stop on {DataDirectory} failed: {Output}", DataDirectory, stop.Output);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static async Task InitDbAsync(PostgresBinaries binaries, string dataDirectory, ILogger log, CancellationToken ct)
    {
        if (Directory.EnumerateFileSystemEntries(dataDirectory).Any())
            throw new InvalidOperationException($"{dataDirectory} is neither empty nor a PostgreSQL data directory (no PG_VERSION); refusing to initdb there.");

        log.LogInformation("Creating a PostgreSQL cluster in {DataDirectory}", dataDirectory);
        var initdb = await PostgresProcess.RunPostgresAsync(binaries.InitDb,
            ["-D", dataDirectory, "--username", SuperUser, "--auth", "trust", "--encoding", "UTF8", "--locale", "C"], ct);
        if (!initdb.Succeeded)
            throw new InvalidOperationException($"initdb failed for {dataDirectory}: {initdb.Output}");

        // Our settings live in their own file so each start can rewrite them (e.g. a new port) without touching the rest.
        await File.AppendAllTextAsync(Path.Combine(dataDirectory, "postgresql.conf"), $"\ninclude_if_exists '{ConfigFile}'\n", ct);
    }

    /// <summary>
    /// A killed earlier run leaves postmaster.pid behind, or even a server still running on this directory.
    /// A leftover server is stopped (we need our own settings); a dead one's pid file is removed.
    /// </summary>
    private static async Task ClearStalePidFileAsync(PostgresBinaries binaries, string dataDirectory, ILogger log, CancellationToken ct)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
            return;

        var firstLine = (await File.ReadAllLinesAsync(pidFile, ct)).FirstOrDefault();
        var isOurPostgres = int.TryParse(firstLine, out var pid) && IsPostmasterOf(pid, dataDirectory);
        if (isOurPostgres)
        {
            log.LogWarning("A PostgreSQL server (pid {Pid}) is still running on {DataDirectory}; stopping it", pid, dataDirectory);
            var stop = await PostgresProcess.RunPostgresAsync(binaries.PgCtl, ["stop", "-D", dataDirectory, "-m", "fast", "-w", "-t", "60"], ct);
            if (!stop.Succeeded)
                throw new InvalidOperationException($"A server (pid {pid}) still runs on {dataDirectory} and could not be stopped: {stop.Output}");
        }
        else
        {
            log.LogWarning("Removing stale {PidFile} (pid {Pid} is gone)", pidFile, firstLine);
            File.Delete(pidFile);
        }
    }

    // The pid may have been reused since the old server died, even by another cluster's postgres;
    // only a postmaster started on this very directory may be stopped.
    private static bool IsPostmasterOf(int pid, string dataDirectory)
    {
        try
        {
            // A postmaster keeps its original command line: ".../postgres -D <dir> ...".
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return commandLine.Contains("postgres", StringComparison.Ordinal)
                && commandLine.Contains(" " + dataDirectory.TrimEnd('/') + " ", StringComparison.Ordinal);
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        await WriteConfigAsync(ct);
        var log = Path.Combine(DataDirectory, LogFile);
        var start = await PostgresProcess.RunPostgresAsync(_binaries.PgCtl,
            ["start", "-D", DataDirectory, "-l", log, "-w", "-t", "60", "-s"], ct);
        if (!start.Succeeded)
            throw new InvalidOperationException($"pg_ctl start on port {Port} failed: {start.Output}\n{TailOf(log)}");

        _log.LogInformation("PostgreSQL listening on 127.0.0.1:{Port} with data in {DataDirectory}", Port, DataDirectory);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
    }

    private async Task WriteConfigAsync(CancellationToken ct)
    {
        var socketDirectory = await SocketDirectoryAsync(ct);
        var path = Path.Combine(DataDirectory, ConfigFile);
        await File.WriteAllTextAsync(path, $"""
            # Written by BedCoord's EmbeddedPostgres at every start; edits are overwritten.
            listen_addresses = '127.0.0.1'
            port = {Port}
            unix_socket_directories = '{socketDirectory}'
            fsync = on
            max_connections = 200
            shared_buffers = 128MB
            """, ct);
        if (PostgresProcess.IsRoot)
            await PostgresProcess.ChownToServiceUserAsync(path, ct);
    }

    // Never the distribution's /var/run/postgresql: it may not exist, and a system server may own it.
    // The data directory is private to this server, but a socket path must fit in 107 bytes.
    private async Task<string> SocketDirectoryAsync(CancellationToken ct)
    {
        if (DataDirectory.Length + "/.s.PGSQL.65535.lock".Length < 100)
            return DataDirectory;
        var dir = Path.Combine(Path.GetTempPath(), $"bedcoord-pg-{Port}-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        if (PostgresProcess.IsRoot)
            await PostgresProcess.ChownToServiceUserAsync(dir, ct);
        return dir;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string TailOf(string file)
    {
        try
        {
            return string.Join('\n', File.ReadLines(file).TakeLast(20));
        }
        catch (IOException) { return ""; }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
