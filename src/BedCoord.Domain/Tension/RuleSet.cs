namespace BedCoord.Domain.Tension;

/// <summary>
/// The thresholds of a scope (api-v1 PUT thresholds): when its units turn stale and the rules of its
/// computed level. A scope without one inherits its nearest ancestor's whole set (domain.md §6).
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.rule-set")]
public sealed record RuleSet(
    [property: Id(0)] TimeSpan StaleAfter,
    [property: Id(1)] IReadOnlyList<Rule> Rules)
{
    public const int MaxRules = 20;
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromHours(12);
    public static readonly TimeSpan MinStaleAfter = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxStaleAfter = TimeSpan.FromDays(7);

    /// <summary>Rates only, so that the region's default makes sense at every level it is inherited by.</summary>
    public static readonly RuleSet RegionDefault = new(DefaultStaleAfter,
    [
        new Rule("occupancyRate:MCO", Rule.Above, [0.90, 0.95, 1.00], 0.02),
        new Rule("bjmlCoverage", Rule.Below, [1.0, 0.5, 0.25], 0.1),
    ]);

    public bool Equals(RuleSet? other) =>
        other is not null && other.StaleAfter == StaleAfter && other.Rules.SequenceEqual(Rules);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(StaleAfter);
        foreach (var r in Rules) hash.Add(r);
        return hash.ToHashCode();
    }
}
