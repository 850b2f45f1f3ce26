using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Tension;

/// <summary>
/// The rule sets set on scopes, keyed "kind:id". A scope's effective set is its own, else its nearest
/// ancestor's, else the region default (domain.md §6: the whole set, no merging).
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.rule-book")]
public sealed record RuleBook(
    [property: Id(0)] IReadOnlyDictionary<string, RuleSet> Sets,
    [property: Id(1)] long Version)
{
    public static readonly RuleBook Empty = new(new Dictionary<string, RuleSet>(), 0);

    /// <summary>The set that applies to <paramref name="scope"/> and the scope it was set on.</summary>
    public (RuleSet Rules, ScopeRef From) Effective(ScopeRef scope, TerritoryCatalog territory)
    {
        var last = scope;
        foreach (var s in territory.SelfAndAncestors(scope))
        {
            if (Sets.TryGetValue(s.ToString(), out var own)) return (own, s);
            last = s;
        }
        return (RuleSet.RegionDefault, last);
    }

    public RuleSet? Own(ScopeRef scope) => Sets.GetValueOrDefault(scope.ToString());

    public RuleBook With(ScopeRef scope, RuleSet? rules)
    {
        var sets = new Dictionary<string, RuleSet>(Sets);
        if (rules is null) sets.Remove(scope.ToString()); else sets[scope.ToString()] = rules;
        return new RuleBook(sets, Version + 1);
    }
}
