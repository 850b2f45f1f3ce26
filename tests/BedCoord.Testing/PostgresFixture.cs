using BedCoord.Persistence;
using Xunit;

namespace BedCoord.Testing;

/// <summary>
/// One real PostgreSQL server per test run, in a fresh temp directory, handing every caller a brand-new
/// database so tests never see each other's rows. Use as an assembly fixture:
/// <c>[assembly: AssemblyFixture(typeof(PostgresFixture))]</c>, then take it in a test class constructor.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private const string RootPrefix = "bedcoord-pg-tests-";
    private const string OwnerFile = "owner.pid";

    private readonly string _root = Path.Combine(Path.GetTempPath(), RootPrefix + Guid.NewGuid().ToString("N")[..12]);
    private EmbeddedPostgres? _server;
    private int _databases;
    private readonly Lazy<Task<string>> _seededTemplate;

    public PostgresFixture() => _seededTemplate = new(SeedTemplateAsync);

    public EmbeddedPostgres Server => _server ?? throw new InvalidOperationException("PostgresFixture is not initialized.");

    /// <summary>Connection string of a new, empty database, unique to this call.</summary>
    public async Task<string> CreateDatabaseAsync() =>
        ClosingIdleConnectionsSoon(await Server.CreateDatabaseAsync(NewDatabaseName()));

    /// <summary>
    /// Connection string of a new database, unique to this call, holding what a server started with the default
    /// settings of <see cref="ServerProcess.StartAsync"/> (the Occitanie demo) leaves behind once seeded and
    /// cleanly stopped. A server started on it begins as after a restart: the seed finds its work done.
    /// </summary>
    /// <remarks>
    /// The demo seed (1,091 units, their audit trail, 70,000 daily admissions, maturity answers) was most of
    /// a test server's start. It runs once per test run into a template, and PostgreSQL copies the template
    /// in a second for every caller. Servers started on the copy, one or several (a cluster), must leave the
    /// settings of <see cref="ChangesTheSeed"/> alone: Orleans keeps grain state per Cluster:ServiceId, so a
    /// server of another service id would find the units' states but neither the territory nor the totals.
    /// </remarks>
    public async Task<string> CreateSeededDatabaseAsync()
    {
        var template = await _seededTemplate.Value;
        var name = NewDatabaseName();
        await using (var connection = new Npgsql.NpgsqlConnection(Server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return ClosingIdleConnectionsSoon(Server.ConnectionStringFor(name));
    }

    /// <summary>
    /// Whether a server with these settings (on top of <see cref="ServerProcess.StartAsync"/>'s) would find a copy of
    /// the seeded template different from what it seeds itself: another demo, no demo, or another Orleans service id.
    /// The crisis cell's demo and the simulator add to the seeded demo and run on a copy as on a restarted server.
    /// </summary>
    public static bool ChangesTheSeed(IDictionary<string, string> settings) =>
        settings.Keys.Any(k => SeedSettings.Contains(k) || k.StartsWith("Demo:History", StringComparison.OrdinalIgnoreCase));

    private static readonly HashSet<string> SeedSettings = new(StringComparer.OrdinalIgnoreCase)
    {
        "Demo:Seed", "Demo:Admissions", "Demo:DataDirectory", "Cluster:ServiceId",
    };

    private string NewDatabaseName() => $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}";

    private async Task<string> SeedTemplateAsync()
    {
        const string name = "seeded_template";
        var database = await Server.CreateDatabaseAsync(name);
        // A fresh seed on a loaded machine can take more than the default ninety seconds (see PatientServerFixture).
        await using (var server = await ServerProcess.StartAsync(ClosingIdleConnectionsSoon(database), readyTimeout: TimeSpan.FromMinutes(4)))
        {
            // Readiness waits for the demo seed but not for the maturity one: the copy must not hold half of it.
            await Eventually.ValueAsync(() => Task.FromResult(server.Log.Contains(MaturitySeedComplete)), done => done, TimeSpan.FromMinutes(2));
            if (!server.Log.Contains(MaturitySeedComplete))
                throw new TimeoutException($"The maturity demo seed did not complete:\n{server.Log}");
        } // a clean stop: the silo writes what it holds
        // A template must have no session open while it is copied; nothing but CREATE DATABASE may use it from now on.
        await using var connection = new Npgsql.NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var seal = new Npgsql.NpgsqlCommand($"ALTER DATABASE \"{name}\" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false", connection);
        await seal.ExecuteNonQueryAsync();
        return name;
    }

    // Logged by the server's MaturityDemoSeed (BedCoord.Server.Maturity.MaturityDemoSeed.CompleteMessage).
    private const string MaturitySeedComplete = "Maturity demo seed complete";

    // Every database gets its own Npgsql pool, and a pool keeps its idle connections for 5 minutes by default:
    // a module's tests, one database each, piled up past max_connections on a slower CI machine
    // ("53300: too many clients already"). Idle connections of finished tests now close within seconds.
    private static string ClosingIdleConnectionsSoon(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString)
        {
            ConnectionIdleLifetime = 2,
            ConnectionPruningInterval = 1,
        }.ConnectionString;

    /// <summary>
    /// A fresh directory inside this run's temp root, for tests that start their own servers: removed at the
    /// end of the run, and its servers are stopped by the next run if this one gets killed.
    /// </summary>
    public string CreateScratchDirectory()
    {
        var dir = Path.Combine(_root, "scratch", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public async ValueTask InitializeAsync()
    {
        await RemoveLeftoversOfKilledRunsAsync();
        Directory.CreateDirectory(_root);
        await File.WriteAllTextAsync(Path.Combine(_root, OwnerFile), Environment.ProcessId.ToString());
        _server = await EmbeddedPostgres.StartAsync(Path.Combine(_root, "data"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.StopAsync();
        TryDelete(_root);
    }

    // A test run killed mid-way leaves its server running (128MB of shared buffers each) and its directory behind.
    private static async Task RemoveLeftoversOfKilledRunsAsync()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), RootPrefix + "*"))
        {
            var owner = Path.Combine(dir, OwnerFile);
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner), out var pid) || Directory.Exists($"/proc/{pid}"))
                continue;
            try
            {
                foreach (var pidFile in Directory.EnumerateFiles(dir, "postmaster.pid", SearchOption.AllDirectories))
                    await EmbeddedPostgres.StopLeftoverAsync(Path.GetDirectoryName(pidFile)!);
                TryDelete(dir);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // Someone else's leftover we cannot stop is not a reason to fail this run.
            }
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
