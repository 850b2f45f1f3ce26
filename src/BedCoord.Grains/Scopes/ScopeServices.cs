using BedCoord.Grains.Board;
using BedCoord.Grains.Startup;
using BedCoord.Grains.Tension;
using BedCoord.Grains.Territory;
using Microsoft.Extensions.Options;

namespace BedCoord.Grains.Scopes;

/// <summary>What every aggregate grain of a silo shares: the cached territory and rules, the relays, the clock, the clean-start state.</summary>
public sealed record ScopeServices(
    TerritoryCatalogHolder Territory,
    RuleBookHolder Rules,
    RelayList Relays,
    AlertPublisher Alerts,
    TimeProvider Clock,
    IOptions<GridOptions> Options,
    CleanStart CleanStart);
