using BedCoord.Domain.Live;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Board;
using BedCoord.Grains.Startup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BedCoord.Grains.Scopes;

/// <summary>
/// Sums the latest summaries of its direct children, evaluates its tension level on those sums, and
/// reports its own summary to its parent when it changed. State is written behind on a timer and on
/// deactivation; on activation the grain serves what it stored and then asks every child for its current
/// summary, so totals are right even after a crash. After a clean shutdown of a single silo (<see cref="CleanStart"/>)
/// the stored sums are exact and the first activation skips that re-read: a cold start activates the regions only.
/// </summary>
public abstract class AggregateGrain(IPersistentState<AggregateState> state, ScopeServices services, ILogger log)
    : Grain, IAggregateGrain
{
    private Summary? _summary;
    private LevelEvaluation _evaluation = LevelEvaluation.None;
    private ChangeAnnouncer? _announcer;
    private IGrainTimer? _expiry;
    private bool _dirty;
    // Dirty with something a crash must not lose (a level, a rule's level, an expired declaration): written at the
    // next flush tick rather than after Grid:WriteBehindInterval, or a restart after a kill would find the old level
    // stored and raise the same alert again.
    private bool _urgent;
    private long _writtenAt;
    private bool _reportPending;
    private Task? _reporting;
    private bool _firstReconcilePending;
    private IGrainTimer? _reread;
    private (ScopeRef Scope, IAggregateGrain Grain)? _parent;

    protected abstract ScopeKind Kind { get; }
    protected ScopeRef Self => new(Kind, this.GetPrimaryKeyString());
    protected IPersistentState<AggregateState> State => state;
    protected ScopeServices Services => services;
    protected DateTimeOffset Now => services.Clock.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await services.Territory.EnsureLoadedAsync(GrainFactory);
        await services.Rules.RefreshAsync(GrainFactory);
        (_summary, _evaluation) = Compute();
        var flush = services.Options.Value.FlushInterval;
        _writtenAt = services.Clock.GetTimestamp();
        this.RegisterGrainTimer(FlushAsync, flush, flush);
        var trusted = services.CleanStart.TrustStoredSums(Self) && state.RecordExists;
        if (!trusted)
        {
            _firstReconcilePending = true;
            // Interleaved: the re-read waits for children, and a child that is deactivating (its silo stopping) answers
            // only once its own report to this grain is through; holding this grain's turn meanwhile stalled both for
            // Orleans' 30 s timeouts, and every write of the region behind them (docs/PERFORMANCE.md, "National cluster").
            _reread = this.RegisterGrainTimer(RereadOnActivationAsync,
                new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan) { Interleave = true });
        }
        var trailing = this.RegisterGrainTimer(ct => _announcer!.OnTimer(ct), new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        _announcer = new ChangeAnnouncer(Self, services.Relays, services.Clock, trailing, () => _summary!);
        _expiry = this.RegisterGrainTimer(_ => RecomputeAsync(), new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        ScheduleExpiry();
        services.CleanStart.Activated(Self, exact: trusted);
        if (Kind == ScopeKind.Region && StartupTimeline.SecondsSinceProcessStart < 120)
            StartupTimeline.Mark(log, $"region {Self.Id} active ({(trusted ? "stored sums trusted" : "re-reading its children")})");
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            if (_dirty) await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            services.CleanStart.Lost();
            throw;
        }
        if (!await ReportBeforeLeavingAsync(cancellationToken))
        {
            services.CleanStart.Lost();
            log.LogWarning("{Scope} deactivates with its report to its parent still pending; the next start re-reads every scope", Self);
        }
        services.CleanStart.Deactivated();
    }

    public Task<Summary> GetSummary(bool withChildren)
    {
        var summary = _summary!;
        if (!withChildren) return Task.FromResult(summary);
        var catalog = services.Territory.Current;
        // Names come from the territory, which an import may have changed since the child last reported.
        var children = catalog.ChildrenOf(Self)
            .Select(c => state.State.Children.GetValueOrDefault(ChildKey(c)) is { } s ? s with { Name = catalog.NameOf(c) ?? s.Name } : null)
            .OfType<Summary>()
            .ToList();
        return Task.FromResult(summary with { Children = children });
    }

    public async Task<ScopeSnapshot> GetSnapshot() => _announcer!.Snapshot(await GetSummary(true));

    public Task ChildChanged(Summary child)
    {
        if (!Accept(child)) return Task.CompletedTask;
        if (Kind == ScopeKind.Region) GridMetrics.RegionReached(child.UpdatedAt, Now, Self.Id);
        return RecomputeThenAnnounce();
    }

    // RecomputeAsync sets the summary and only schedules the report to the parent: the announcement, which carries
    // the new figures, goes out at once.
    private Task RecomputeThenAnnounce(bool force = false, string? cause = null)
    {
        var recomputed = RecomputeAsync(force, cause);
        // Boards of this scope list its children, so a child's change is news even when the sums hold.
        _announcer?.Changed();
        return recomputed;
    }

    public async Task<Summary> Declare(Declaration declaration)
    {
        await ChangeOwnInputAsync(s => s.Declaration = declaration, AlertRules.Declared(declaration));
        ScheduleExpiry();
        return _summary!;
    }

    public async Task<LiftResult> Lift(string by, string reason)
    {
        var current = DeclarationRules.Active(state.State.Declaration, Now);
        if (current is null) return new LiftResult(null, _summary!);
        await ChangeOwnInputAsync(s => s.Declaration = null, AlertRules.Lifted(by, reason));
        return new LiftResult(current, _summary!);
    }

    public async Task Reevaluate(long ruleBookVersion)
    {
        await services.Rules.RefreshAsync(GrainFactory, ruleBookVersion);
        var restaled = Restale();
        await OnClockAsync();
        if (restaled) await RecomputeThenAnnounce();
        else await RecomputeAsync();
    }

    public Task Reconcile() => ReconcileAsync(Timeout.InfiniteTimeSpan, CancellationToken.None);

    /// <summary>Time-based work of a specific scope (the establishment's BJML week).</summary>
    protected virtual Task OnClockAsync() => Task.CompletedTask;

    /// <summary>Sets an input the aggregate owns and makes it durable before returning.</summary>
    protected async Task<Summary> ChangeOwnInputAsync(Action<AggregateState> change, string? cause = null)
    {
        change(state.State);
        await state.WriteStateAsync();
        (_dirty, _urgent, _writtenAt) = (false, false, services.Clock.GetTimestamp());
        await RecomputeThenAnnounce(force: true, cause);
        return _summary!;
    }

    /// <summary>The current summary of each child, to re-sum from after activation or a lost report.</summary>
    protected virtual async Task<IReadOnlyList<Summary>> ReadChildrenAsync(IReadOnlyList<ScopeRef> children) =>
        await Task.WhenAll(children.Select(c => GrainFactory.Scope(c).GetSummary(false)));

    /// <summary>Scope-specific figures (BJML) on top of the sums, before levels are evaluated.</summary>
    protected virtual Summary Complete(Summary summed) => summed;

    private bool Accept(Summary child)
    {
        if (state.State.Children.TryGetValue(child.Id, out var known) && known.Revision > child.Revision) return false;
        var kept = child.Children is null ? child : child with { Children = null };
        // A re-read that finds what is already known (most of a reconcile) is no change: nothing to write or announce.
        if (known is not null && known.Revision == kept.Revision && known.UpdatedAt == kept.UpdatedAt
            && known.UpdatedBy == kept.UpdatedBy && known.Category == kept.Category && known.SameFiguresAs(kept)) return false;
        state.State.Children[child.Id] = kept;
        _announcer?.ChildChanged(kept);
        _dirty = true;
        return true;
    }

    // Units turn stale with time; the establishment holding their summaries flips them (domain.md §5).
    private bool Restale()
    {
        if (Kind != ScopeKind.Establishment) return false;
        var staleAfter = services.Rules.Current.Effective(Self, services.Territory.Current).Rules.StaleAfter;
        var changed = false;
        foreach (var (id, child) in state.State.Children.ToList())
        {
            var restaled = SummaryMath.Restale(child, Now, staleAfter);
            if (ReferenceEquals(restaled, child)) continue;
            state.State.Children[id] = restaled;
            _announcer?.ChildChanged(restaled);
            changed = _dirty = true;
        }
        return changed;
    }

    private Task RecomputeAsync(bool force = false, string? cause = null)
    {
        var expired = state.State.Declaration is { } d && !d.IsActiveAt(Now) ? d : null;
        if (expired is not null) { state.State.Declaration = null; _dirty = _urgent = true; }

        var (next, evaluation) = Compute();
        RaiseAlertIfLevelChanged(next, evaluation, cause ?? (expired is not null ? AlertRules.Expired(expired) : null));
        _evaluation = evaluation;
        if (!force && next.SameFiguresAs(_summary)) return Task.CompletedTask;
        state.State.Revision = SummaryMath.NextRevision(state.State.Revision, Now);
        _summary = next with { Revision = state.State.Revision };
        _dirty = true;
        ScheduleReport();
        return Task.CompletedTask;
    }

    private void RaiseAlertIfLevelChanged(Summary next, LevelEvaluation evaluation, string? cause)
    {
        if (!evaluation.RuleLevels.SequenceEqual(state.State.RuleLevels))
        {
            state.State.RuleLevels = new Dictionary<string, int>(evaluation.RuleLevels);
            _dirty = _urgent = true;
        }
        if (state.State.Level == next.Level) return;
        var alert = AlertRules.OnChange(Guid.CreateVersion7().ToString(), Self, next.Name, state.State.Level, evaluation,
            state.State.Declaration, Now, cause);
        state.State.Level = next.Level;
        _dirty = _urgent = true;
        if (alert is not null) services.Alerts.Publish(alert);
    }

    private (Summary, LevelEvaluation) Compute()
    {
        var catalog = services.Territory.Current;
        var children = catalog.ChildrenOf(Self)
            .Select(c => state.State.Children.GetValueOrDefault(ChildKey(c)))
            .OfType<Summary>();
        var summed = Complete(SummaryMath.Aggregate(Kind, Self.Id, catalog.NameOf(Self) ?? Self.Id, catalog.ParentOf(Self)?.Id,
            children, state.State.Emergency, state.State.Revision));
        // Until every child has reported once (a territory being loaded), the sums are partial: no level from them.
        var complete = catalog.ChildrenOf(Self).All(c => state.State.Children.ContainsKey(ChildKey(c)));
        var rules = services.Rules.Current.Effective(Self, catalog).Rules;
        var evaluation = complete ? LevelEvaluator.Evaluate(rules, summed, state.State.RuleLevels) : LevelEvaluation.None;
        var declaration = DeclarationRules.Active(state.State.Declaration, Now);
        return (summed with { ComputedLevel = evaluation.Level, DeclaredLevel = declaration?.Level, Declaration = declaration }, evaluation);
    }

    // The minute clock would catch an expiry too; this timer makes it happen on time while the grain is active.
    private void ScheduleExpiry()
    {
        if (state.State.Declaration?.ExpiresAt is not { } at || _expiry is null) return;
        var due = at - Now;
        _expiry.Change(due > TimeSpan.Zero ? due + TimeSpan.FromMilliseconds(10) : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    // Units are keyed "finess/unit" as grains but known by their slug inside their establishment.
    private static string ChildKey(ScopeRef child) =>
        child.Kind == ScopeKind.Unit ? Identifiers.SplitUnitKey(child.Id).UnitId : child.Id;

    /// <summary>
    /// The parent hears of this scope's change without the caller waiting for it: a child's call (a unit's PUT, a
    /// sector's report) answers once this scope has re-summed, and the report climbs on its own. At most one report
    /// is in flight; changes arriving meanwhile are sent as one report carrying the latest summary once it returns
    /// (the parent keeps only the newest revision anyway), so a burst of child changes reaches a region as a few
    /// reports rather than one queued call per PUT. A failed report stays pending; the flush timer sends it again.
    /// </summary>
    private void ScheduleReport()
    {
        _reportPending = true;
        SendIfIdle();
    }

    private void SendIfIdle()
    {
        if (_reportPending && _reporting is not { IsCompleted: false }) _reporting = ReportWhilePendingAsync();
    }

    // Runs on the grain's scheduler between its turns (a continuation, not a request), so its state is safe to read.
    private async Task ReportWhilePendingAsync()
    {
        while (_reportPending)
        {
            if (services.Territory.Current.ParentOf(Self) is not { } parent) { _reportPending = false; return; }
            _reportPending = false;
            try
            {
                await ParentGrain(parent).ChildChanged(_summary!);
            }
            catch (Exception e)
            {
                _reportPending = true;
                log.LogWarning(e, "{Scope} could not report to {Parent}; will retry", Self, parent);
                return;
            }
        }
    }

    /// <summary>
    /// On deactivation, the last report must reach the parent or be known lost (then the next start re-reads every
    /// scope). The wait is short and bounded: a silo stopping deactivates parents too, and a grain waiting on a parent
    /// that waits on its own parent must not hold the stop.
    /// </summary>
    private async Task<bool> ReportBeforeLeavingAsync(CancellationToken cancellationToken)
    {
        SendIfIdle();
        if (_reporting is not { IsCompleted: false }) return !_reportPending;
        try { await _reporting.WaitAsync(ReportWaitOnDeactivation, cancellationToken); }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException) { return false; }
        return !_reportPending;
    }

    private static readonly TimeSpan ReportWaitOnDeactivation = TimeSpan.FromSeconds(2);

    // Resolving a grain reference costs more than the sums it carries; an import may move a scope, hence the key.
    private IAggregateGrain ParentGrain(ScopeRef parent)
    {
        if (_parent is not { } cached || cached.Scope != parent) _parent = cached = (parent, GrainFactory.Aggregate(parent));
        return cached.Grain;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        SendIfIdle();
        if (!_dirty || (!_urgent && services.Clock.GetElapsedTime(_writtenAt) < services.Options.Value.WriteBehindInterval)) return;
        var urgent = _urgent;
        _dirty = _urgent = false;
        _writtenAt = services.Clock.GetTimestamp();
        try { await state.WriteStateAsync(cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _dirty = true;
            _urgent |= urgent;
            log.LogWarning(e, "{Scope} could not write its summed state; will retry", Self);
        }
    }

    // The activation's re-read waits this long for its children, then tries again later: the sums stay those stored
    // meanwhile, and nothing else waits on it (interleaved). An explicit Reconcile waits as long as its caller does.
    private static readonly TimeSpan RereadPatience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RereadRetry = TimeSpan.FromSeconds(5);

    private async Task RereadOnActivationAsync(CancellationToken cancellationToken)
    {
        if (!_firstReconcilePending) return;
        try
        {
            await ReconcileAsync(RereadPatience, cancellationToken);
        }
        catch (Exception e)
        {
            // Given up because this silo stops or this grain deactivates: the next activation re-reads (its stored sums are
            // not trusted). Otherwise a child was slow or unreachable: try again while the grain lives.
            if (cancellationToken.IsCancellationRequested || SiloStopping.IsCancellationRequested) return;
            _firstReconcilePending = true;
            _reread?.Change(RereadRetry, Timeout.InfiniteTimeSpan);
            log.LogWarning(e, "{Scope} could not re-read its children after activation; trying again in {Retry} s", Self, RereadRetry.TotalSeconds);
        }
    }

    /// <summary>
    /// Fires when this silo starts a graceful stop, before its grains deactivate: a re-read still waiting then would hold
    /// its grain's deactivation while the children it waits for (deactivating too) wait to report to it.
    /// </summary>
    private CancellationToken SiloStopping =>
        ServiceProvider.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;

    private async Task ReconcileAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        _firstReconcilePending = false;
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, SiloStopping);
        var reading = ReadChildrenAsync(services.Territory.Current.ChildrenOf(Self));
        IReadOnlyList<Summary> summaries;
        try
        {
            summaries = await reading.WaitAsync(patience, giveUp.Token);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && giveUp.IsCancellationRequested))
        {
            // Observed, so that the children's late failures are not unobserved task exceptions.
            _ = reading.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            if (e is TimeoutException) throw;
            // A TimeoutException rather than a cancellation to the caller (a sweep on another silo): the re-read did not happen.
            throw new TimeoutException($"{Self} gave up re-reading its children: its silo is stopping or it deactivates");
        }
        var changed = false;
        foreach (var summary in summaries) changed |= Accept(summary);
        if (changed) await RecomputeThenAnnounce();
        services.CleanStart.Reconciled(Self);
    }
}
