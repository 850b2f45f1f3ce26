using System.Diagnostics;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Import;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Units;
using BedCoord.Persistence.UnitState;
using Microsoft.Extensions.Logging;

namespace BedCoord.Grains.Territory;

/// <summary>
/// Applies a validated import: merges the tree in the territory grain, then gives every unit that has no
/// state yet its starting figures. Units that already hold live state keep it, so re-importing is idempotent.
/// Starting states go to storage in bulk (one statement per few thousand units, no unit activated), then each
/// establishment that gained one re-reads its units and reports upward.
/// Each starting state is handed to <c>onInitialized</c>, which records it as the unit's first input: history
/// and replay read the grid back from that record, so a unit never written since still counts in its sums.
/// </summary>
public sealed class TerritoryImporter(IGrainFactory grains, TerritoryCatalogHolder catalog, UnitStateStore units, TimeProvider clock,
    ILogger<TerritoryImporter> log)
{
    public async Task<ImportOutcome> ApplyAsync(ImportPlan plan, string by, CancellationToken cancellationToken = default,
        Func<string, BedFigures, Task>? onInitialized = null)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await grains.Territory().Import(plan.Incoming);
        catalog.Offer(result.Document);
        var merged = Stopwatch.GetElapsedTime(started);

        var at = clock.GetUtcNow();
        var initialized = await units.InitializeManyAsync(plan.InitialStates
            .Select(e => (e.Key, UnitStates.Json(new UnitState { Beds = new UnitBedState(e.Value, 1, at, by) })))
            .ToList(), cancellationToken);
        var stored = Stopwatch.GetElapsedTime(started);

        // Recording the starting states (audit, input log) and the establishments' re-read are independent: one
        // waits on PostgreSQL while the other computes, so they run side by side.
        var recorded = onInitialized is null ? Task.CompletedTask : Task.WhenAll(initialized.Select(k => onInitialized(k, plan.InitialStates[k])));
        var establishments = initialized.Select(k => Identifiers.SplitUnitKey(k).Finess).Distinct(StringComparer.Ordinal);
        await Parallel.ForEachAsync(establishments, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (finess, _) => await grains.GetGrain<IEstablishmentGrain>(finess).Reconcile());
        var reconciled = Stopwatch.GetElapsedTime(started);
        await recorded;
        log.LogInformation("Import: territory merged and stored in {Merged:F2} s, {Units} starting states stored at {Stored:F2} s, " +
                           "establishments re-read at {Reconciled:F2} s, starting states recorded at {Done:F2} s",
            merged.TotalSeconds, initialized.Count, stored.TotalSeconds, reconciled.TotalSeconds, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return new ImportOutcome(result.Document.Version, result.Added, result.Updated, result.Unchanged, result.KeptNotInFile,
            result.AddedUnits.Count, initialized.Count);
    }
}

/// <summary>What an import changed, as answered to the caller.</summary>
public sealed record ImportOutcome(long TerritoryVersion, int Added, int Updated, int Unchanged, int KeptNotInFile,
    int UnitsAdded, int UnitsInitialized);
