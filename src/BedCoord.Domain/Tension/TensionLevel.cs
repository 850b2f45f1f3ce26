namespace BedCoord.Domain.Tension;

/// <summary>Tension levels of domain.md §6: 0 normal, 1 tension, 2 tension forte, 3 crise.</summary>
public static class TensionLevel
{
    public const int Normal = 0;
    public const int Tension = 1;
    public const int TensionForte = 2;
    public const int Crise = 3;

    private static readonly string[] Names = ["normal", "tension", "tension-forte", "crise"];
    private static readonly string[] Labels = ["Normal", "Tension", "Tension forte", "Crise"];

    public static string Name(int level) => Names[Math.Clamp(level, 0, 3)];
    public static string Label(int level) => Labels[Math.Clamp(level, 0, 3)];

    /// <summary>Accepts a level name ("crise") or its number ("3").</summary>
    public static bool TryParse(string? text, out int level)
    {
        level = Array.IndexOf(Names, text?.Trim().ToLowerInvariant());
        if (level >= 0) return true;
        return int.TryParse(text, out level) && level is >= 0 and <= 3;
    }
}
