namespace BedCoord.Domain.Summaries;

/// <summary>
/// BJML against available post-emergency beds (domain.md §7). Aggregates sum BJML and
/// availablePostEd over the establishments where BJML is computable.
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.bjml-figures")]
public sealed record BjmlFigures(
    [property: Id(0)] int? Value,
    [property: Id(1)] bool Computable,
    [property: Id(2)] string? Reason,
    [property: Id(3)] int AvailablePostEd)
{
    public double? Coverage => Computable && Value is > 0 ? (double)AvailablePostEd / Value.Value : null;

    public static BjmlFigures NotComputable(string reason, int availablePostEd) => new(null, false, reason, availablePostEd);

    public static BjmlFigures Sum(IEnumerable<BjmlFigures> children)
    {
        int value = 0, available = 0, computable = 0, all = 0;
        foreach (var c in children)
        {
            all++;
            if (!c.Computable || c.Value is null) continue;
            computable++;
            value += c.Value.Value;
            available += c.AvailablePostEd;
        }
        return computable > 0
            ? new BjmlFigures(value, true, computable < all ? $"Calculé sur {computable} établissement(s) sur {all}" : null, available)
            : NotComputable(all == 0 ? "Aucun service d'urgences dans ce périmètre" : "Aucun BJML calculable dans ce périmètre", available);
    }
}
