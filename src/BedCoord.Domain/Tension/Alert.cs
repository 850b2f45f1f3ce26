using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Tension;

/// <summary>A change of a scope's effective level (api-v1 Alert); kept as history and pushed to the board.</summary>
[GenerateSerializer, Immutable, Alias("bedcoord.alert")]
public sealed record Alert(
    [property: Id(0)] string Id,
    [property: Id(1)] ScopeKind Scope,
    [property: Id(2)] string ScopeId,
    [property: Id(3)] string Name,
    [property: Id(4)] int From,
    [property: Id(5)] int To,
    [property: Id(6)] int ComputedLevel,
    [property: Id(7)] int? DeclaredLevel,
    [property: Id(8)] string Cause,
    [property: Id(9)] DateTimeOffset At);
