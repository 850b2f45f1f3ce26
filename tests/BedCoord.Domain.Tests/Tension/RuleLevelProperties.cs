using BedCoord.Domain.Tension;
using CsCheck;
using Xunit;

namespace BedCoord.Domain.Tests.Tension;

public class RuleLevelProperties
{
    /// <summary>Random valid rules: sorted thresholds (reversed for below) and a hysteresis up to 0.2.</summary>
    private static readonly Gen<Rule> Rules =
        from above in Gen.Bool
        from t in Gen.Double[0, 2].Array[3]
        from h in Gen.Double[0, 0.2]
        let sorted = above ? t.Order().ToArray() : t.OrderDescending().ToArray()
        select new Rule("occupancyRate", above ? Rule.Above : Rule.Below, sorted, h);

    private static int Reached(Rule rule, double value) => Enumerable.Range(1, 3).Count(k => rule.Reaches(value, k));

    [Fact]
    public void Level_lies_between_the_reached_level_and_the_previous_one() =>
        Gen.Select(Rules, Gen.Double[-0.5, 2.5], Gen.Int[0, 3]).Sample((rule, value, previous) =>
        {
            var level = rule.Level(value, previous);
            var reached = Reached(rule, value);
            return level >= reached && level <= Math.Max(reached, previous);
        });

    [Fact]
    public void Without_history_the_level_is_what_is_reached() =>
        Gen.Select(Rules, Gen.Double[-0.5, 2.5]).Sample((rule, value) => rule.Level(value, null) == Reached(rule, value));

    [Fact]
    public void Evaluating_again_on_the_same_value_changes_nothing() =>
        Gen.Select(Rules, Gen.Double[-0.5, 2.5], Gen.Int[0, 3]).Sample((rule, value, previous) =>
        {
            var once = rule.Level(value, previous);
            return rule.Level(value, once) == once;
        });

    [Fact]
    public void A_kept_level_is_within_the_hysteresis_of_its_threshold() =>
        Gen.Select(Rules, Gen.Double[-0.5, 2.5], Gen.Int[0, 3]).Sample((rule, value, previous) =>
        {
            var level = rule.Level(value, previous);
            if (level == 0 || rule.Reaches(value, level)) return true;
            var distance = rule.IsAbove ? rule.Threshold(level) - value : value - rule.Threshold(level);
            return distance > 0 && distance <= rule.Hysteresis + 1e-9;
        });
}
