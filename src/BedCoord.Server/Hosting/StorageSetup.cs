using BedCoord.Grains.Startup;
using BedCoord.Persistence;
using BedCoord.Server.Settings;

namespace BedCoord.Server.Hosting;

/// <summary>
/// Finds the PostgreSQL database: the configured connection string, or else a server of our own started
/// from Debian's binaries on a data directory (embedded default), then brings its schema up to date.
/// </summary>
public static class StorageSetup
{
    public const string ConnectionStringName = "BedCoord";

    public static async Task<string> PrepareAsync(WebApplicationBuilder builder, StorageSettings settings, ILogger log)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var dataDirectory = Path.GetFullPath(settings.DataDirectory);
            var server = await EmbeddedPostgres.StartAsync(dataDirectory, settings.Port, log);
            builder.Services.AddSingleton(server);
            builder.Services.AddHostedService<EmbeddedPostgresStopper>();
            connectionString = server.ConnectionString;
            log.LogInformation("Data lives in PostgreSQL at {DataDirectory} (embedded server on {ConnectionString})", dataDirectory, Redact(connectionString));
        }
        else
        {
            log.LogInformation("Data lives in the configured PostgreSQL database {ConnectionString}", Redact(connectionString));
        }

        connectionString = Tune(connectionString, settings.MaxPoolSize);
        StartupTimeline.Mark(log, "PostgreSQL found");
        await OrleansSchema.MigrateAsync(connectionString);
        StartupTimeline.Mark(log, "schema up to date");
        return connectionString;
    }

    /// <summary>
    /// Connection settings for the write path; any of them given in the connection string wins.
    /// Pool: Npgsql's default (100) per silo lets three silos ask for more connections than PostgreSQL's usual
    /// max_connections while a dead silo's grains reactivate all at once ("53300: too many clients", seen in the
    /// failover bench); a smaller pool queues briefly instead.
    /// Orleans' storage opens and closes a pooled connection for every grain write: without these two, each
    /// reuse resets the session and every statement is parsed and planned again, which was most of
    /// PostgreSQL's CPU per update in the write bench. Nothing here changes session state, so there is
    /// nothing to reset.
    /// </summary>
    internal static string Tune(string connectionString, int maxPoolSize)
    {
        // Npgsql's builder answers ContainsKey for every keyword it knows, so look at what was actually written.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "").ToLowerInvariant()).ToHashSet();
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Overlaps(["maxpoolsize", "maximumpoolsize"])) tuned.MaxPoolSize = maxPoolSize;
        if (!given.Contains("maxautoprepare")) tuned.MaxAutoPrepare = 32;
        if (!given.Contains("noresetonclose")) tuned.NoResetOnClose = true;
        return tuned.ConnectionString;
    }

    private static string Redact(string connectionString)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Password = null };
        return b.ConnectionString;
    }

    /// <summary>Stops the embedded server after the silo has written its last state.</summary>
    private sealed class EmbeddedPostgresStopper(EmbeddedPostgres server) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public async Task StopAsync(CancellationToken cancellationToken) => await server.DisposeAsync();
    }
}
