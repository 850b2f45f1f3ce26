using Xunit;
using BedCoord.Domain.Tension;

namespace BedCoord.Domain.Tests.Tension;

public class RuleLevelTests
{
    private static readonly Rule Above = new("occupancyRate:MCO", Rule.Above, [0.90, 0.95, 1.00], 0.02);
    private static readonly Rule Below = new("bjmlCoverage", Rule.Below, [1.0, 0.5, 0.25], 0.1);

    [Theory]
    [InlineData(0.50, 0)]
    [InlineData(0.8999, 0)]
    [InlineData(0.90, 1)]
    [InlineData(0.94, 1)]
    [InlineData(0.95, 2)]
    [InlineData(0.999, 2)]
    [InlineData(1.00, 3)]
    public void Above_reaches_level_k_when_value_is_at_least_t_k(double value, int expected) =>
        Assert.Equal(expected, Above.Level(value, previous: null));

    [Theory]
    [InlineData(2.0, 0)]
    [InlineData(1.0001, 0)]
    [InlineData(1.0, 1)]
    [InlineData(0.51, 1)]
    [InlineData(0.5, 2)]
    [InlineData(0.26, 2)]
    [InlineData(0.25, 3)]
    [InlineData(0.0, 3)]
    public void Below_reaches_level_k_when_value_is_at_most_t_k(double value, int expected) =>
        Assert.Equal(expected, Below.Level(value, previous: null));

    [Fact]
    public void Stepping_up_is_immediate_even_several_levels()
    {
        Assert.Equal(3, Above.Level(1.00, previous: 0));
        Assert.Equal(3, Below.Level(0.1, previous: 1));
    }

    [Theory]
    // Level 2 of "above" is at 0.95 with hysteresis 0.02: it is left only strictly below 0.93.
    [InlineData(0.94, 2)]
    [InlineData(0.93, 2)]
    [InlineData(0.9299, 1)]
    [InlineData(0.92, 1)]
    public void Above_steps_down_only_when_strictly_beyond_the_hysteresis(double value, int expected) =>
        Assert.Equal(expected, Above.Level(value, previous: 2));

    [Theory]
    // Level 2 of "below" is at 0.5 with hysteresis 0.1: it is left only strictly above 0.6.
    [InlineData(0.55, 2)]
    [InlineData(0.6, 2)]
    [InlineData(0.6001, 1)]
    public void Below_steps_down_only_when_strictly_beyond_the_hysteresis(double value, int expected) =>
        Assert.Equal(expected, Below.Level(value, previous: 2));

    [Fact]
    public void Boundary_holds_for_a_rate_computed_by_division()
    {
        // 93/100 and 0.95 − 0.02 differ in the last bit; the rule still treats them as equal.
        Assert.Equal(2, Above.Level(93.0 / 100.0, previous: 2));
    }

    [Fact]
    public void Multi_level_drop_lands_on_the_highest_level_still_held()
    {
        Assert.Equal(2, Above.Level(0.94, previous: 3)); // 0.94 < 0.98: leaves crise; 0.94 ≥ 0.93 holds tension forte
        Assert.Equal(1, Above.Level(0.90, previous: 3)); // reaches 1 outright
        Assert.Equal(1, Above.Level(0.88, previous: 3)); // holds 1 by hysteresis
        Assert.Equal(0, Above.Level(0.8799, previous: 3));
        Assert.Equal(1, Below.Level(0.65, previous: 3)); // clears 0.25+0.1 and 0.5+0.1, reaches 1
        Assert.Equal(0, Below.Level(1.2, previous: 3));
        Assert.Equal(1, Below.Level(1.1, previous: 3)); // 1.1 ≤ 1.0 + 0.1 holds level 1
    }

    [Fact]
    public void Zero_hysteresis_steps_down_as_soon_as_the_threshold_is_not_reached()
    {
        var rule = Above with { Hysteresis = 0 };
        Assert.Equal(2, rule.Level(0.95, previous: 2));
        Assert.Equal(1, rule.Level(0.9499, previous: 2));
    }

    [Fact]
    public void Previous_level_out_of_range_is_clamped()
    {
        Assert.Equal(2, Above.Level(0.94, previous: 7));
        Assert.Equal(0, Above.Level(0.5, previous: -1));
    }

    [Fact]
    public void Equal_thresholds_reach_the_highest_level_together()
    {
        var rule = new Rule("available:REA", Rule.Below, [2, 0, 0], 1);
        Assert.Equal(3, rule.Level(0, null));
        Assert.Equal(1, rule.Level(2, null));
        Assert.Equal(3, rule.Level(1, previous: 3)); // 1 ≤ 0 + 1 holds crise
        Assert.Equal(1, rule.Level(1.5, previous: 3));
    }

    [Fact]
    public void Rules_compare_by_their_thresholds_values()
    {
        Assert.Equal(Above, new Rule("occupancyRate:MCO", Rule.Above, [0.90, 0.95, 1.00], 0.02));
        Assert.NotEqual(Above, Above with { Thresholds = [0.9, 0.95, 0.99] });
        Assert.Equal(RuleSet.RegionDefault, RuleSet.RegionDefault with { Rules = RuleSet.RegionDefault.Rules.ToList() });
    }
}
