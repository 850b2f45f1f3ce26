using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Startup;
using BedCoord.Grains.Tension;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.UnitState;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BedCoord.Grains.Units;

/// <summary>
/// Holds one unit's bed state; every accepted change is durable before it is answered, then flows up. The state
/// goes to <see cref="UnitStateStore"/>, which commits the concurrent writes of the silo together (group commit);
/// the in-memory state moves only once its write has committed.
/// </summary>
public sealed class UnitGrain(
    UnitStateStore store,
    TerritoryCatalogHolder territory,
    RuleBookHolder rules,
    TimeProvider clock,
    IOptions<GridOptions> options,
    CleanStart cleanStart,
    ILogger<UnitGrain> log) : Grain, IUnitGrain
{
    private string Finess => Identifiers.SplitUnitKey(this.GetPrimaryKeyString()).Finess;
    private string UnitId => Identifiers.SplitUnitKey(this.GetPrimaryKeyString()).UnitId;
    private UnitState _state = new();
    private long _etag;
    private IGrainTimer? _retry;
    private IEstablishmentGrain? _parent;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await territory.EnsureLoadedAsync(GrainFactory);
        if (await store.ReadAsync(this.GetPrimaryKeyString()) is { } stored)
            (_state, _etag) = (UnitStates.Parse(stored.Json), stored.ETag);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Its write is durable but its establishment never had it: the stored sums above it are not exact.
        if (_retry is not null)
        {
            cleanStart.Lost();
            log.LogWarning("Unit {Unit} deactivates with its report still pending; the next start re-reads every scope", this.GetPrimaryKeyString());
        }
        return Task.CompletedTask;
    }

    public Task<Summary> GetSummary(bool withChildren)
    {
        // A unit without a state is one an import may soon initialise in bulk, behind this activation's back.
        if (_state.Beds is null) DeactivateOnIdle();
        return Task.FromResult(CurrentSummary());
    }

    public async Task<BedWriteResult> UpdateBeds(BedFigures beds, long? expectedVersion, string by)
    {
        if (!await IsKnownAsync())
        {
            // An activation for a unit that does not exist (yet) must not outlive the call: an import may create
            // the unit's row behind its back.
            DeactivateOnIdle();
            return new BedWriteResult(BedWriteOutcome.UnknownUnit, null, null, 0);
        }
        var current = _state.Beds;
        var currentVersion = current?.Version ?? 0;
        if (expectedVersion is { } expected && expected != currentVersion)
            return new BedWriteResult(BedWriteOutcome.VersionConflict, CurrentSummary(), current?.Beds, currentVersion);

        var next = (current ?? new UnitBedState(BedFigures.Zero, 0, clock.GetUtcNow(), by)).Next(beds, clock.GetUtcNow(), by);
        await WriteAsync(new UnitState { Beds = next });

        var summary = CurrentSummary();
        await ReportAsync(summary);
        return new BedWriteResult(BedWriteOutcome.Updated, summary, current?.Beds, next.Version);
    }

    public async Task<bool> Initialize(BedFigures beds, string by)
    {
        if (_state.Beds is not null || !await IsKnownAsync()) return false;
        await WriteAsync(new UnitState { Beds = new UnitBedState(beds, 1, clock.GetUtcNow(), by) });
        await ReportAsync(CurrentSummary());
        return true;
    }

    private async Task WriteAsync(UnitState next)
    {
        try
        {
            await store.WriteAsync(new UnitStateWrite(this.GetPrimaryKeyString(), _etag, UnitStates.Json(next)));
        }
        catch (Orleans.Storage.InconsistentStateException)
        {
            // Another activation wrote since this one read: this one is stale; the next call reads afresh.
            DeactivateOnIdle();
            throw;
        }
        (_state, _etag) = (next, _etag + 1);
    }

    // A unit added by an import on another silo is unknown here until this silo's catalog catches up.
    private async Task<bool> IsKnownAsync() =>
        territory.Current.Unit(Finess, UnitId) is not null
        || (await territory.RefreshAsync(GrainFactory) && territory.Current.Unit(Finess, UnitId) is not null);

    private Summary CurrentSummary() =>
        UnitStates.Summary(this.GetPrimaryKeyString(), _state, territory.Current, rules.Current, clock.GetUtcNow());

    private async Task ReportAsync(Summary summary)
    {
        try
        {
            await (_parent ??= GrainFactory.GetGrain<IEstablishmentGrain>(Finess)).ChildChanged(summary);
            _retry?.Dispose();
            _retry = null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The change is durable; only the upward report failed (parent's silo gone). Say so and retry on a
            // timer until the parent has it; a timer only then, since a thousand idle ones cost every second.
            log.LogWarning(e, "Unit {Unit} could not report to its establishment; will retry", this.GetPrimaryKeyString());
            var every = options.Value.FlushInterval;
            _retry ??= this.RegisterGrainTimer(_ => ReportAsync(CurrentSummary()), every, every);
        }
    }
}

public sealed class UnitState
{
    public UnitBedState? Beds { get; set; }
}
