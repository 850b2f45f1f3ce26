using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Persistence;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace BedCoord.Grains.Tests;

/// <summary>An in-process cluster of real silos storing grain state in the given PostgreSQL database.</summary>
public static class GridCluster
{
    public static async Task<InProcessTestCluster> StartAsync(string db, int silos = 2)
    {
        await OrleansSchema.MigrateAsync(db);
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.Options.ServiceId = "grid-tests";
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Grid:FlushInterval"] = "00:00:00.200" })
            .Build();
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddBedCoordPostgres(db, clustering: false, StateJson.Options);
            silo.AddBedCoordGrid(configuration);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>Loads <see cref="SmallTerritory"/> and gives every unit the same starting figures.</summary>
    public static async Task SeedAsync(IGrainFactory grains)
    {
        await grains.Territory().Import(SmallTerritory.Document());
        foreach (var (finess, unit) in SmallTerritory.Units())
            await grains.Unit(finess, unit).Initialize(SmallTerritory.Start, "seed");
    }

    public static Task<Domain.Summaries.Summary> RegionAsync(IGrainFactory grains) =>
        grains.Scope(new ScopeRef(ScopeKind.Region, SmallTerritory.Region)).GetSummary(true);
}
