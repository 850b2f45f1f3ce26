using BedCoord.Domain.Beds;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Import;

/// <summary>A validated import: the incoming tree and the starting bed state of the units that carry one.</summary>
public sealed record ImportPlan(TerritoryDocument Incoming, IReadOnlyDictionary<string, BedFigures> InitialStates);
