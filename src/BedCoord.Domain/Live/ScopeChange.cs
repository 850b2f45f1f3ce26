using BedCoord.Domain.Summaries;

namespace BedCoord.Domain.Live;

/// <summary>
/// What changed in one scope since its previous announcement: the scope's own figures (no children) and the
/// children whose figures changed, numbered <see cref="Seq"/> within the announcing activation's
/// <see cref="Epoch"/>. The grain announces it to every relay, and the relay pushes it unchanged to boards as
/// the hub's "delta" message, so nobody reads the grain back on a change.
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.scope-change")]
public sealed record ScopeChange(
    [property: Id(0)] string Scope,
    [property: Id(1)] long Epoch,
    [property: Id(2)] long Seq,
    [property: Id(3)] Summary Figures,
    [property: Id(4)] IReadOnlyList<Summary> Children);

/// <summary>
/// A scope's whole state (summary with every child) at <see cref="Seq"/> of <see cref="Epoch"/>: the hub's
/// "snapshot" message, sent on subscribe and on resync. The next change a board can apply is Seq + 1.
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.scope-snapshot")]
public sealed record ScopeSnapshot(
    [property: Id(0)] string Scope,
    [property: Id(1)] long Epoch,
    [property: Id(2)] long Seq,
    [property: Id(3)] Summary Summary);
