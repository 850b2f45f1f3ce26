using System.Text.Json.Serialization;

namespace BedCoord.Domain.Territory;

[JsonConverter(typeof(JsonStringEnumConverter<ScopeKind>))]
public enum ScopeKind
{
    [JsonStringEnumMemberName("unit")] Unit,
    [JsonStringEnumMemberName("establishment")] Establishment,
    [JsonStringEnumMemberName("department")] Department,
    [JsonStringEnumMemberName("sector")] Sector,
    [JsonStringEnumMemberName("region")] Region,
    /// <summary>Above the regions: the sum of every region of the territory (one, "FR").</summary>
    [JsonStringEnumMemberName("nation")] Nation,
}

public static class ScopeKinds
{
    public static string Name(this ScopeKind kind) => kind switch
    {
        ScopeKind.Unit => "unit",
        ScopeKind.Establishment => "establishment",
        ScopeKind.Department => "department",
        ScopeKind.Sector => "sector",
        ScopeKind.Region => "region",
        ScopeKind.Nation => "nation",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Parses "region", "regions", "department"... as used in URLs and scope strings.</summary>
    public static bool TryParse(string? text, out ScopeKind kind)
    {
        kind = default;
        switch (text?.ToLowerInvariant())
        {
            case "unit" or "units": kind = ScopeKind.Unit; return true;
            case "establishment" or "establishments": kind = ScopeKind.Establishment; return true;
            case "department" or "departments": kind = ScopeKind.Department; return true;
            case "sector" or "sectors": kind = ScopeKind.Sector; return true;
            case "region" or "regions": kind = ScopeKind.Region; return true;
            case "nation": kind = ScopeKind.Nation; return true;
            default: return false;
        }
    }
}
