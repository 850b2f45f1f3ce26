using BedCoord.Domain.Import;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;

namespace BedCoord.Grains.Territory;

public sealed class TerritoryGrain(
    [PersistentState("territory", GridOptions.StorageName)] IPersistentState<TerritoryState> state,
    TerritoryCatalogHolder catalog) : Grain, ITerritoryGrain
{
    public Task<TerritoryDocument> Get() => Task.FromResult(state.State.Document ?? TerritoryDocument.Empty);

    public Task<long> GetVersion() => Task.FromResult(state.State.Document?.Version ?? 0);

    public async Task<TerritoryImportResult> Import(TerritoryDocument incoming)
    {
        var (merged, report) = TerritoryMerge.Merge(state.State.Document ?? TerritoryDocument.Empty, incoming);
        if (merged.Version != (state.State.Document?.Version ?? 0))
        {
            state.State.Document = merged;
            await state.WriteStateAsync();
        }
        catalog.Offer(merged);
        return new TerritoryImportResult(merged, report.Added, report.Updated, report.Unchanged, report.KeptNotInFile, report.AddedUnits);
    }
}

public sealed class TerritoryState
{
    public TerritoryDocument? Document { get; set; }
}
