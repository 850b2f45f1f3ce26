using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Tension;
using BedCoord.Grains.Territory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BedCoord.Grains.Units;

/// <summary>Holds one unit's bed state; every accepted change is durable before it is answered, then flows up.</summary>
public sealed class UnitGrain(
    [PersistentState("unit", GridOptions.StorageName)] IPersistentState<UnitState> state,
    TerritoryCatalogHolder territory,
    RuleBookHolder rules,
    TimeProvider clock,
    IOptions<GridOptions> options,
    ILogger<UnitGrain> log) : Grain, IUnitGrain
{
    private string Finess => Identifiers.SplitUnitKey(this.GetPrimaryKeyString()).Finess;
    private string UnitId => Identifiers.SplitUnitKey(this.GetPrimaryKeyString()).UnitId;
    private IGrainTimer? _retry;
    private IEstablishmentGrain? _parent;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => territory.EnsureLoadedAsync(GrainFactory);

    public Task<Summary> GetSummary(bool withChildren) => Task.FromResult(CurrentSummary());

    public async Task<BedWriteResult> UpdateBeds(BedFigures beds, long? expectedVersion, string by)
    {
        if (!await IsKnownAsync())
            return new BedWriteResult(BedWriteOutcome.UnknownUnit, null, null, 0);
        var current = state.State.Beds;
        var currentVersion = current?.Version ?? 0;
        if (expectedVersion is { } expected && expected != currentVersion)
            return new BedWriteResult(BedWriteOutcome.VersionConflict, CurrentSummary(), current?.Beds, currentVersion);

        var next = (current ?? new UnitBedState(BedFigures.Zero, 0, clock.GetUtcNow(), by)).Next(beds, clock.GetUtcNow(), by);
        state.State.Beds = next;
        await state.WriteStateAsync();

        var summary = CurrentSummary();
        await ReportAsync(summary);
        return new BedWriteResult(BedWriteOutcome.Updated, summary, current?.Beds, next.Version);
    }

    public async Task<bool> Initialize(BedFigures beds, string by)
    {
        if (state.State.Beds is not null || !await IsKnownAsync()) return false;
        state.State.Beds = new UnitBedState(beds, 1, clock.GetUtcNow(), by);
        await state.WriteStateAsync();
        await ReportAsync(CurrentSummary());
        return true;
    }

    // A unit added by an import on another silo is unknown here until this silo's catalog catches up.
    private async Task<bool> IsKnownAsync() =>
        territory.Current.Unit(Finess, UnitId) is not null
        || (await territory.RefreshAsync(GrainFactory) && territory.Current.Unit(Finess, UnitId) is not null);

    private Summary CurrentSummary()
    {
        var info = territory.Current.Unit(Finess, UnitId) ?? new UnitInfo(UnitId, UnitId, "MED");
        var beds = state.State.Beds ?? new UnitBedState(BedFigures.Zero, 0, DateTimeOffset.UnixEpoch, "");
        var staleAfter = rules.Current.Effective(new ScopeRef(ScopeKind.Unit, this.GetPrimaryKeyString()), territory.Current).Rules.StaleAfter;
        return SummaryMath.ForUnit(Finess, info, beds, clock.GetUtcNow(), staleAfter);
    }

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
