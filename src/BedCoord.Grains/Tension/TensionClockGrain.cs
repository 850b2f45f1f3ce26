using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;

namespace BedCoord.Grains.Tension;

/// <summary>
/// The grid's clock: a persistent reminder wakes it every minute, even after a restart with no request,
/// and it asks every aggregate to re-evaluate (units turning stale, declarations expiring, a new BJML week).
/// </summary>
public sealed class TensionClockGrain(TerritoryCatalogHolder territory, RuleBookHolder rules) : Grain, ITensionClockGrain, IRemindable
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    public Task Start() => this.RegisterOrUpdateReminder("tick", Period, Period);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var catalog = await territory.EnsureLoadedAsync(GrainFactory);
        await rules.RefreshAsync(GrainFactory);
        foreach (var region in catalog.Document.Regions)
            foreach (var scope in Aggregates(catalog, new ScopeRef(ScopeKind.Region, region.Id)))
                await GrainFactory.Aggregate(scope).Reevaluate(rules.Current.Version);
    }

    /// <summary>The scope and every aggregate below it (units excluded).</summary>
    public static IEnumerable<ScopeRef> Aggregates(TerritoryCatalog catalog, ScopeRef root)
    {
        if (root.Kind == ScopeKind.Unit) yield break;
        yield return root;
        foreach (var child in catalog.ChildrenOf(root))
            foreach (var s in Aggregates(catalog, child)) yield return s;
    }
}
