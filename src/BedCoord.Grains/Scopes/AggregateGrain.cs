using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Board;
using Microsoft.Extensions.DependencyInjection;
using BedCoord.Grains.Territory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BedCoord.Grains.Scopes;

/// <summary>
/// Sums the latest summaries of its direct children and reports its own summary to its parent when it
/// changed. State is written behind on a timer and on deactivation; on activation the grain serves what
/// it stored and then asks every child for its current summary, so totals are right even after a crash.
/// </summary>
public abstract class AggregateGrain(
    IPersistentState<AggregateState> state,
    TerritoryCatalogHolder territory,
    TimeProvider clock,
    IOptions<GridOptions> options,
    ILogger log) : Grain, IAggregateGrain
{
    private Summary? _summary;
    private ChangeAnnouncer? _announcer;
    private bool _dirty;
    private bool _reportPending;

    protected abstract ScopeKind Kind { get; }
    protected ScopeRef Self => new(Kind, this.GetPrimaryKeyString());
    protected IPersistentState<AggregateState> State => state;
    protected TimeProvider Clock => clock;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await territory.EnsureLoadedAsync(GrainFactory);
        _summary = Compute(state.State.Revision);
        this.RegisterGrainTimer(FlushAsync, options.Value.FlushInterval, options.Value.FlushInterval);
        this.RegisterGrainTimer(ReconcileAsync, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        var trailing = this.RegisterGrainTimer(ct => _announcer!.OnTimer(ct),
            new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        _announcer = new ChangeAnnouncer(Self, ServiceProvider.GetRequiredService<RelayList>(), clock, trailing);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty) await state.WriteStateAsync(cancellationToken);
    }

    public Task<Summary> GetSummary(bool withChildren)
    {
        var summary = _summary ??= Compute(state.State.Revision);
        if (!withChildren) return Task.FromResult(summary);
        var catalog = territory.Current;
        // Names come from the territory, which an import may have changed since the child last reported.
        var children = catalog.ChildrenOf(Self)
            .Select(c => state.State.Children.GetValueOrDefault(ChildKey(c)) is { } s ? s with { Name = catalog.NameOf(c) ?? s.Name } : null)
            .OfType<Summary>()
            .ToList();
        return Task.FromResult(summary with { Children = children });
    }

    public Task ChildChanged(Summary child)
    {
        if (!Accept(child)) return Task.CompletedTask;
        // Boards of this scope list its children, so a child's change is news even when the sums hold.
        _announcer?.Changed();
        return RecomputeAsync();
    }

    /// <summary>Sets an input the aggregate owns and makes it durable before returning.</summary>
    protected async Task<Summary> ChangeOwnInputAsync(Action<AggregateState> change)
    {
        change(state.State);
        await state.WriteStateAsync();
        _dirty = false;
        _announcer?.Changed();
        await RecomputeAsync(force: true);
        return _summary!;
    }

    /// <summary>Scope-specific figures (BJML, levels) on top of the sums.</summary>
    protected virtual Summary Complete(Summary summed) => summed;

    private bool Accept(Summary child)
    {
        if (state.State.Children.TryGetValue(child.Id, out var known) && known.Revision > child.Revision) return false;
        state.State.Children[child.Id] = child.Children is null ? child : child with { Children = null };
        _dirty = true;
        return true;
    }

    private async Task RecomputeAsync(bool force = false)
    {
        var next = Compute(state.State.Revision);
        if (!force && next.SameFiguresAs(_summary)) return;
        state.State.Revision = SummaryMath.NextRevision(state.State.Revision, clock.GetUtcNow());
        _summary = next with { Revision = state.State.Revision };
        _dirty = true;
        await ReportAsync();
    }

    private Summary Compute(long revision)
    {
        var catalog = territory.Current;
        var children = catalog.ChildrenOf(Self)
            .Select(c => state.State.Children.GetValueOrDefault(ChildKey(c)))
            .OfType<Summary>();
        var summed = SummaryMath.Aggregate(Kind, Self.Id, catalog.NameOf(Self) ?? Self.Id, ParentId(catalog),
            children, state.State.Emergency, revision);
        return Complete(summed);
    }

    private string? ParentId(TerritoryCatalog catalog) => catalog.ParentOf(Self)?.Id;

    // Units are keyed "finess/unit" as grains but known by their slug inside their establishment.
    private static string ChildKey(ScopeRef child) =>
        child.Kind == ScopeKind.Unit ? Identifiers.SplitUnitKey(child.Id).UnitId : child.Id;

    private async Task ReportAsync()
    {
        if (territory.Current.ParentOf(Self) is not { } parent) { _reportPending = false; return; }
        try
        {
            await GrainFactory.Aggregate(parent).ChildChanged(_summary!);
            _reportPending = false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _reportPending = true;
            log.LogWarning(e, "{Scope} could not report to {Parent}; will retry", Self, parent);
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_reportPending) await ReportAsync();
        if (!_dirty) return;
        _dirty = false;
        try { await state.WriteStateAsync(cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _dirty = true;
            log.LogWarning(e, "{Scope} could not write its summed state; will retry", Self);
        }
    }

    private async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var children = territory.Current.ChildrenOf(Self);
        var summaries = await Task.WhenAll(children.Select(c => GrainFactory.Scope(c).GetSummary(false)));
        var changed = false;
        foreach (var summary in summaries) changed |= Accept(summary);
        if (!changed) return;
        _announcer?.Changed();
        await RecomputeAsync();
    }
}
