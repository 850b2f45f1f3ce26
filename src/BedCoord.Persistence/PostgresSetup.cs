using Orleans.Serialization;
using Microsoft.Extensions.DependencyInjection;
using BedCoord.Persistence.Alerts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using System.Text.Json;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Storage;

namespace BedCoord.Persistence;

public static class PostgresSetup
{
    /// <summary>Name of the grain storage provider every BedCoord grain persists through.</summary>
    public const string StorageName = "bedcoord";

    /// <summary>ADO.NET invariant that makes Orleans load Npgsql's DbProviderFactory.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Grain storage "bedcoord" on PostgreSQL with JSON payloads; reminders on the same database, and
    /// with <paramref name="clustering"/> membership too. The schema must exist: call
    /// <see cref="OrleansSchema.MigrateAsync"/> before the silo starts.
    /// </summary>
    public static ISiloBuilder AddBedCoordPostgres(this ISiloBuilder silo, string connectionString, bool clustering, JsonSerializerOptions json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(json);

        // A storage failure inside a grain must reach the caller on another silo as itself (the API answers
        // 503 and the client retries), not as "no codec for Npgsql.PostgresException".
        silo.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));

        var serializer = new StableJsonGrainStorageSerializer(json);
        silo.AddAdoNetGrainStorage(StorageName, options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
            options.GrainStorageSerializer = serializer;
        });

        // Reminders drive time-based changes (stale units, expiring declarations) even on a single silo.
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
        if (clustering)
        {
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = Invariant;
                options.ConnectionString = connectionString;
            });
        }
        silo.Services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        silo.Services.TryAddSingleton<AlertStore>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<AlertStore>());
        silo.Services.TryAddSingleton<UnitState.UnitStateStore>();
        silo.Services.TryAddSingleton<Startup.CleanShutdownStore>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<UnitState.UnitStateStore>());

        return silo;
    }
}
