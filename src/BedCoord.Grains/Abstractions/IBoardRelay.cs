using BedCoord.Domain.Crisis;
using BedCoord.Domain.Live;
using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using Orleans.Concurrency;

namespace BedCoord.Grains.Abstractions;

/// <summary>
/// One per silo that hosts the web front end: told what changed in a scope, it pushes that change to the
/// silo's boards watching the scope. Grains anywhere in the cluster reach every relay.
/// </summary>
public interface IBoardRelay : IGrainObserver
{
    [OneWay] Task ScopeChanged(ScopeChange change);

    /// <summary>A scope's effective level changed: boards of that scope and of its ancestors are told.</summary>
    [OneWay] Task AlertRaised(Alert alert);

    /// <summary>Something changed in a crisis cell (main courante, measure, request): boards of the scope and its ancestors are told.</summary>
    [OneWay] Task CrisisChanged(CrisisNotice notice);

    /// <summary>Another silo's relay just joined: re-read the directory now rather than at the next refresh.</summary>
    [OneWay] Task RelaysChanged();
}

/// <summary>The cluster-wide list of relays (key "default"); each silo re-registers its own periodically.</summary>
public interface IRelayDirectoryGrain : IGrainWithStringKey
{
    Task Register(IBoardRelay relay, string silo);
    Task Unregister(IBoardRelay relay);
    [AlwaysInterleave] Task<IReadOnlyList<IBoardRelay>> List();
}
