using System.Text.Json;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;

namespace BedCoord.Grains.Units;

/// <summary>
/// A unit's stored state to and from JSON, and its summary: shared by the unit grain and by an establishment
/// that reads its units' stored states in bulk, so both compute the same summary from the same row.
/// </summary>
public static class UnitStates
{
    public static string Json(UnitState state) => JsonSerializer.Serialize(state, StateJson.Options);

    public static UnitState Parse(string json) => JsonSerializer.Deserialize<UnitState>(json, StateJson.Options) ?? new UnitState();

    public static Summary Summary(string unitKey, UnitState state, TerritoryCatalog territory, RuleBook rules, DateTimeOffset now)
    {
        var (finess, unitId) = Identifiers.SplitUnitKey(unitKey);
        var info = territory.Unit(finess, unitId) ?? new UnitInfo(unitId, unitId, "MED");
        var beds = state.Beds ?? new UnitBedState(BedFigures.Zero, 0, DateTimeOffset.UnixEpoch, "");
        var staleAfter = rules.Effective(new ScopeRef(ScopeKind.Unit, unitKey), territory).Rules.StaleAfter;
        return SummaryMath.ForUnit(finess, info, beds, now, staleAfter);
    }
}
