using BedCoord.Domain.Beds;
using BedCoord.Domain.Import;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;

namespace BedCoord.Grains.Territory;

/// <summary>
/// Applies a validated import: merges the tree in the territory grain, then gives every unit that has no
/// state yet its starting figures. Units that already hold live state keep it, so re-importing is idempotent.
/// Each starting state is handed to <c>onInitialized</c>, which records it as the unit's first input: history
/// and replay read the grid back from that record, so a unit never written since still counts in its sums.
/// </summary>
public sealed class TerritoryImporter(IGrainFactory grains, TerritoryCatalogHolder catalog)
{
    public async Task<ImportOutcome> ApplyAsync(ImportPlan plan, string by, CancellationToken cancellationToken = default,
        Func<string, BedFigures, Task>? onInitialized = null)
    {
        var result = await grains.Territory().Import(plan.Incoming);
        catalog.Offer(result.Document);

        var initialized = 0;
        await Parallel.ForEachAsync(plan.InitialStates, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (entry, _) =>
            {
                var (finess, unitId) = Identifiers.SplitUnitKey(entry.Key);
                if (!await grains.Unit(finess, unitId).Initialize(entry.Value, by)) return;
                Interlocked.Increment(ref initialized);
                if (onInitialized is not null) await onInitialized(entry.Key, entry.Value);
            });
        return new ImportOutcome(result.Document.Version, result.Added, result.Updated, result.Unchanged, result.KeptNotInFile,
            result.AddedUnits.Count, initialized);
    }
}

/// <summary>What an import changed, as answered to the caller.</summary>
public sealed record ImportOutcome(long TerritoryVersion, int Added, int Updated, int Unchanged, int KeptNotInFile,
    int UnitsAdded, int UnitsInitialized);
