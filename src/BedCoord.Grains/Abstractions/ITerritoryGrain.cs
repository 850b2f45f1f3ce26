using BedCoord.Domain.Import;
using BedCoord.Domain.Territory;
using Orleans.Concurrency;

namespace BedCoord.Grains.Abstractions;

/// <summary>The one holder of the territory document (key "default"); every silo caches it.</summary>
public interface ITerritoryGrain : IGrainWithStringKey
{
    [AlwaysInterleave] Task<TerritoryDocument> Get();
    [AlwaysInterleave] Task<long> GetVersion();

    /// <summary>Merges an import into the document and persists it before answering.</summary>
    Task<TerritoryImportResult> Import(TerritoryDocument incoming);
}

[GenerateSerializer, Immutable, Alias("bedcoord.territory-import-result")]
public sealed record TerritoryImportResult(
    [property: Id(0)] TerritoryDocument Document,
    [property: Id(1)] int Added,
    [property: Id(2)] int Updated,
    [property: Id(3)] int Unchanged,
    [property: Id(4)] int KeptNotInFile,
    [property: Id(5)] IReadOnlyList<string> AddedUnits);
