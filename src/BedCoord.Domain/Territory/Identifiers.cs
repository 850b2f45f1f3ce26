using System.Text.RegularExpressions;

namespace BedCoord.Domain.Territory;

/// <summary>Shapes of the ids of domain.md §1, checked before any id reaches a grain.</summary>
public static partial class Identifiers
{
    [GeneratedRegex("^[0-9][0-9AB][0-9]{7}$")]
    private static partial Regex FinessPattern();

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex UnitSlugPattern();

    [GeneratedRegex("^[0-9][0-9AB][0-9]?$")]
    private static partial Regex DepartmentPattern();

    [GeneratedRegex("^[A-Z0-9-]{2,20}$")]
    private static partial Regex CodePattern();

    public static bool IsFiness(string? s) => s is not null && FinessPattern().IsMatch(s);
    public static bool IsUnitSlug(string? s) => s is not null && UnitSlugPattern().IsMatch(s);
    public static bool IsDepartmentCode(string? s) => s is not null && DepartmentPattern().IsMatch(s);
    /// <summary>Region and sector codes: upper case, e.g. OCC, NORD.</summary>
    public static bool IsCode(string? s) => s is not null && CodePattern().IsMatch(s);

    public static string UnitKey(string finess, string unitId) => $"{finess}/{unitId}";

    public static (string Finess, string UnitId) SplitUnitKey(string key)
    {
        var slash = key.IndexOf('/');
        return (key[..slash], key[(slash + 1)..]);
    }
}
