using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Persistence;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace BedCoord.Grains.Tests;

/// <summary>An in-process cluster of real silos storing grain state in the given PostgreSQL database.</summary>
public static class GridCluster
{
    public static async Task<InProcessTestCluster> StartAsync(string db, int silos = 2, Action<ISiloBuilder>? configure = null)
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
            configure?.Invoke(silo);
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
        foreach (var finess in SmallTerritory.Units().Select(u => u.Finess).Distinct()) await ReachedRegionAsync(grains, finess);
    }

    /// <summary>
    /// A unit's call answers once its establishment has the change; the levels above hear of it a moment later. Waits
    /// until every level above the establishment holds the current summary of the level below it.
    /// </summary>
    public static async Task ReachedRegionAsync(IGrainFactory grains, string finess)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        string? behind;
        while ((behind = await BehindAsync(grains, new ScopeRef(ScopeKind.Establishment, finess))) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"establishment {finess} never reached its region: {behind}");
            await Task.Delay(20);
        }
    }

    private static async Task<string?> BehindAsync(IGrainFactory grains, ScopeRef scope)
    {
        var summary = await grains.Scope(scope).GetSummary(false);
        while (summary.ParentId is { } parentId && ParentKind(summary.Kind) is { } kind)
        {
            var parent = await grains.Scope(new ScopeRef(kind, parentId)).GetSummary(true);
            var held = parent.Children!.FirstOrDefault(c => c.Id == summary.Id)?.Revision;
            if (held != summary.Revision) return $"{kind} {parentId} holds revision {held} of {summary.Id}, which is at {summary.Revision}";
            summary = parent;
        }
        return null;
    }

    private static ScopeKind? ParentKind(ScopeKind kind) => kind switch
    {
        ScopeKind.Establishment => ScopeKind.Department,
        ScopeKind.Department => ScopeKind.Sector,
        ScopeKind.Sector => ScopeKind.Region,
        _ => null,
    };

    public static Task<Domain.Summaries.Summary> RegionAsync(IGrainFactory grains) =>
        grains.Scope(new ScopeRef(ScopeKind.Region, SmallTerritory.Region)).GetSummary(true);
}
