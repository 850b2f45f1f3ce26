namespace BedCoord.Server.Auth;

/// <summary>Claims of api-v1 "Authentication".</summary>
public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Establishment = "establishment";
    public const string Sector = "sector";
    public const string Region = "region";
}
