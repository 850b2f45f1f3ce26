using BedCoord.Domain.Summaries;

namespace BedCoord.Domain.Bjml;

/// <summary>
/// The BJML of an establishment for the ISO week of a date (api-v1 GET bjml): the value, how many daily
/// counts it rests on, and why it is missing when it is.
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.bjml-result")]
public sealed record BjmlResult(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] int IsoYear,
    [property: Id(2)] int IsoWeek,
    [property: Id(3)] int? Value,
    [property: Id(4)] int Samples,
    [property: Id(5)] bool Computable,
    [property: Id(6)] string? Reason)
{
    /// <summary>The figures an establishment's summary carries, with its post-emergency available beds.</summary>
    public BjmlFigures ToFigures(int availablePostEd) =>
        Computable ? new BjmlFigures(Value, true, null, availablePostEd) : BjmlFigures.NotComputable(Reason ?? "Raison non précisée", availablePostEd);
}
