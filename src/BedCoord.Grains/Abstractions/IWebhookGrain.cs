using Orleans.Concurrency;

namespace BedCoord.Grains.Abstractions;

/// <summary>
/// One per webhook subscription (key: its id): the only place in the cluster that delivers it, so two silos never
/// send the same change twice. Deliveries, retries and the interval are the grain's; the subscription lives in PostgreSQL.
/// </summary>
public interface IWebhookGrain : IGrainWithGuidKey
{
    /// <summary>The subscription's scope (or something under it) changed.</summary>
    [OneWay] Task ScopeChanged();

    /// <summary>After a start or a lost silo: deliver if the scope's state differs from the last one delivered.</summary>
    [OneWay] Task Resume();

    /// <summary>The subscription was deleted: no attempt starts after this returns.</summary>
    Task Stop();
}
