namespace BedCoord.Domain.Access;

/// <summary>Roles of domain.md §8, as they appear in the token's role claim.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string BedManager = "bed-manager";
    public const string Coordinator = "coordinator";
    public const string Supervisor = "supervisor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Viewer, BedManager, Coordinator, Supervisor, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role);
}
