using BedCoord.Persistence;

namespace BedCoord.Server.Hosting;

/// <summary>
/// Finds the PostgreSQL database: the configured connection string, or else a server of our own started
/// from Debian's binaries on a data directory (embedded default), then brings its schema up to date.
/// </summary>
public static class StorageSetup
{
    public const string ConnectionStringName = "BedCoord";

    public static async Task<string> PrepareAsync(WebApplicationBuilder builder, ILogger log)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var dataDirectory = Path.GetFullPath(builder.Configuration["Storage:DataDirectory"] ?? Path.Combine(".data", "pg"));
            var port = builder.Configuration.GetValue<int?>("Storage:Port");
            var server = await EmbeddedPostgres.StartAsync(dataDirectory, port, log);
            builder.Services.AddSingleton(server);
            builder.Services.AddHostedService<EmbeddedPostgresStopper>();
            connectionString = server.ConnectionString;
            log.LogInformation("Data lives in PostgreSQL at {DataDirectory} (embedded server on {ConnectionString})", dataDirectory, Redact(connectionString));
        }
        else
        {
            log.LogInformation("Data lives in the configured PostgreSQL database {ConnectionString}", Redact(connectionString));
        }

        connectionString = CapPool(connectionString, builder.Configuration.GetValue("Storage:MaxPoolSize", DefaultMaxPoolSize));
        await OrleansSchema.MigrateAsync(connectionString);
        return connectionString;
    }

    /// <summary>
    /// Npgsql's default pool (100) per silo lets three silos ask for more connections than PostgreSQL's usual
    /// max_connections while a dead silo's grains reactivate all at once ("53300: too many clients", seen in the
    /// failover bench). A smaller pool queues briefly instead. A pool size in the connection string wins.
    /// </summary>
    private static string CapPool(string connectionString, int maxPoolSize)
    {
        if (System.Text.RegularExpressions.Regex.IsMatch(connectionString, @"max(imum)?\s*pool\s*size", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            return connectionString;
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxPoolSize }.ConnectionString;
    }

    private const int DefaultMaxPoolSize = 40;

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
