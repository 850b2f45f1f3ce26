using System.Collections.Frozen;
using BedCoord.Domain.Territory;
using BedCoord.Domain.Webhooks;
using BedCoord.Grains.Abstractions;
using BedCoord.Persistence.Webhooks;
using Microsoft.Extensions.Options;

namespace BedCoord.Server.Webhooks;

/// <summary>
/// This silo's map from scope to the subscriptions on it, so that the board relay's "scope changed" reaches their grains.
/// Every silo's relay hears every change, so every silo forwards it: the grain, single in the cluster, folds the copies.
/// Re-read from PostgreSQL every few seconds (a subscription made through another silo) and at once after a local change.
/// At start and every Webhooks:SweepSeconds it also asks every subscription to resume: this is how a delivery that a
/// restart or a lost silo interrupted goes out (the pending state is recomputed, not stored: see docs/EXCHANGE.md).
/// </summary>
public sealed class WebhookDirectory(WebhookStore store, IGrainFactory grains, IOptions<WebhookOptions> options, ILogger<WebhookDirectory> log)
    : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);
    private volatile FrozenDictionary<ScopeRef, Guid[]> _byScope = FrozenDictionary<ScopeRef, Guid[]>.Empty;

    public void ScopeChanged(ScopeRef scope)
    {
        if (!_byScope.TryGetValue(scope, out var ids)) return;
        foreach (var id in ids) grains.GetGrain<IWebhookGrain>(id).ScopeChanged().Ignore();
    }

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        var active = await store.ListActiveAsync(ct);
        _byScope = active.GroupBy(s => s.Scope).ToFrozenDictionary(g => g.Key, g => g.Select(s => s.Id).ToArray());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweepEvery = TimeSpan.FromSeconds(Math.Max(1, options.Value.SweepSeconds));
        var nextSweep = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReloadAsync(stoppingToken);
                if (DateTimeOffset.UtcNow >= nextSweep)
                {
                    foreach (var ids in _byScope.Values)
                        foreach (var id in ids) grains.GetGrain<IWebhookGrain>(id).Resume().Ignore();
                    nextSweep = DateTimeOffset.UtcNow + sweepEvery;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage or the silo not up yet: try again at the next round; the sweep waits for a successful read.
                log.LogDebug(e, "Webhook subscriptions not re-read");
            }
            await Task.Delay(Refresh, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }
}
