namespace BedCoord.Domain.Beds;

public static class BedLimits
{
    /// <summary>Upper bound of every bed input (domain.md §3).</summary>
    public const int MaxCount = 5000;
}
