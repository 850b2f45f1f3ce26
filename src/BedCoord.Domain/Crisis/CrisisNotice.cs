using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Crisis;

/// <summary>
/// Hub message "crisis": something changed in a scope's cell (what = logbook, measure, request, overdue), pushed to the
/// boards of the scope and of its ancestors so cell pages up the tree refresh the part concerned.
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.crisis-notice")]
public sealed record CrisisNotice(
    [property: Id(0)] string Scope,
    [property: Id(1)] string What,
    [property: Id(2)] string? Id,
    [property: Id(3)] string? Text,
    [property: Id(4)] DateTimeOffset At);
