using BedCoord.Domain.Territory;

namespace BedCoord.Exchange.Fhir;

/// <summary>Location ids: a unit is "{finess}-{unitId}" (FINESS is 9 characters, so the split is unambiguous).</summary>
public static class LocationIds
{
    public static string Of(string finess, string unitId) => $"{finess}-{unitId}";

    public static bool TryParse(string? id, out string finess, out string unitId)
    {
        finess = unitId = "";
        if (id is null || id.Length < 11 || id[9] != '-') return false;
        finess = id[..9];
        unitId = id[10..];
        return Identifiers.IsFiness(finess) && Identifiers.IsUnitSlug(unitId);
    }
}
