namespace BedCoord.Domain.Access;

/// <summary>Who is asking, from the bearer token's claims.</summary>
public sealed record Caller(
    string Subject,
    string Role,
    IReadOnlySet<string> Establishments,
    IReadOnlySet<string> Sectors,
    string? Region);
