using BedCoord.Grains.Board;
using BedCoord.Grains.Cluster;
using BedCoord.Grains.Scopes;
using BedCoord.Grains.Startup;
using BedCoord.Grains.Tension;
using BedCoord.Grains.Territory;
using BedCoord.Grains.Units;
using Orleans.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BedCoord.Grains;

public static class GridSiloSetup
{
    /// <summary>Services the grid grains need in every silo (the storage provider is configured apart).</summary>
    public static ISiloBuilder AddBedCoordGrid(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.Configure<GridOptions>(configuration.GetSection(GridOptions.Section));
        var grid = configuration.GetSection(GridOptions.Section).Get<GridOptions>() ?? new GridOptions();
        silo.Services.Configure<GrainCollectionOptions>(o => o.ClassSpecificCollectionAge[typeof(UnitGrain).FullName!] = grid.UnitIdleTimeout);
        silo.Services.AddSingleton<TerritoryCatalogHolder>();
        silo.Services.TryAddSingleton<CleanStart>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<TerritoryImporter>();
        silo.Services.AddSingleton<ImportHandOff>();
        silo.Services.AddHostedService<TerritorySync>();
        silo.Services.AddSingleton<RelayList>();
        silo.Services.AddSingleton<RuleBookHolder>();
        silo.Services.AddSingleton<AlertPublisher>();
        silo.Services.AddSingleton<ScopeServices>();
        silo.Services.AddHostedService(sp => sp.GetRequiredService<RelayList>());
        silo.Services.AddHostedService<SiloLossWatcher>();
        return silo;
    }
}
