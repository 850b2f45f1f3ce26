using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Tension;
using BedCoord.Grains.Territory;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BedCoord.Grains.Cluster;

/// <summary>
/// When a silo is declared dead, its grains come back elsewhere from their stored state, but a unit's
/// report that was in flight when it died is gone: the parent would show the old sum until the next write
/// to that unit. One survivor (the lowest address, so the work is not done twice) asks every aggregate,
/// establishments first, to re-read its children; after that every scope is active and exact again.
/// A silo that left gracefully (ShuttingDown, then Dead) is swept too: while it stops, survivors' reports to its
/// grains are refused ("silo is shutting down") and a unit can deactivate with its retry still pending (seen in
/// RollingRestartTests), so a parent would stay stale until the next write. The re-read interleaves with the
/// grains' other calls (<see cref="IAggregateGrain.Reconcile"/>), so the sweep costs CPU but holds no write back.
/// </summary>
public sealed class SiloLossWatcher(
    IClusterMembershipService membership,
    ILocalSiloDetails local,
    IGrainFactory grains,
    TerritoryCatalogHolder territory,
    ILogger<SiloLossWatcher> log) : BackgroundService
{
    private const int Parallelism = 16;
    private const int Rounds = 3;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ClusterMembershipSnapshot? previous = null;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var ended = previous is null ? [] : snapshot.CreateUpdate(previous).Changes
                    .Where(c => c.Status == SiloStatus.Dead && previous.GetSiloStatus(c.SiloAddress) != SiloStatus.Dead)
                    .Select(c => (c.SiloAddress, Graceful: previous.GetSiloStatus(c.SiloAddress) == SiloStatus.ShuttingDown)).ToList();
                previous = snapshot;
                if (ended.Count == 0 || !IsSweeper(snapshot)) continue;
                await SweepAsync(ended.Select(e => e.SiloAddress).ToList(), ended.All(e => e.Graceful) ? "shut down" : "declared dead", stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    private bool IsSweeper(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress)
            .OrderBy(a => a.ToParsableString(), StringComparer.Ordinal).FirstOrDefault() is { } first
        && first.Equals(local.SiloAddress);

    private async Task SweepAsync(IReadOnlyList<SiloAddress> died, string how, CancellationToken stoppingToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var catalog = territory.Current;
        // Deepest first: an establishment's re-read reaches its département, and so on up.
        IReadOnlyList<ScopeRef> pending = catalog.Document.Regions
            .SelectMany(r => TensionClockGrain.Aggregates(catalog, new ScopeRef(ScopeKind.Region, r.Id)))
            .OrderByDescending(s => s.Kind == ScopeKind.Establishment).ToList();
        var total = pending.Count;
        // A scope whose child was itself on the dead silo may fail while the directory settles: try again.
        for (var round = 1; round <= Rounds && pending.Count > 0; round++)
        {
            if (round > 1) await Task.Delay(RetryDelay, stoppingToken);
            pending = await ReconcileAsync(pending, died, stoppingToken);
        }
        log.LogWarning("Silo(s) {Silos} {How}: {Count} scopes re-read their children in {Elapsed:F1} s ({Failed} still failing)",
            string.Join(", ", died), how, total, TimeProvider.System.GetElapsedTime(started).TotalSeconds, pending.Count);
    }

    private async Task<IReadOnlyList<ScopeRef>> ReconcileAsync(IReadOnlyList<ScopeRef> scopes, IReadOnlyList<SiloAddress> died, CancellationToken ct)
    {
        var failed = new System.Collections.Concurrent.ConcurrentBag<ScopeRef>();
        await Parallel.ForEachAsync(scopes, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (scope, _) =>
            {
                try { await grains.Aggregate(scope).Reconcile(); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failed.Add(scope);
                    log.LogWarning(e, "{Scope} could not reconcile after the loss of {Silos}", scope, string.Join(", ", died));
                }
            });
        return failed.ToList();
    }
}
