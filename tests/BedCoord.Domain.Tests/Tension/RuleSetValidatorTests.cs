using Xunit;
using System.Text.Json;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Tension;

namespace BedCoord.Domain.Tests.Tension;

public class RuleSetValidatorTests
{
    private static RuleInput Good(string indicator = "occupancyRate:MCO") => new(indicator, "above", [0.90, 0.95, 1.00], 0.02);

    private static (RuleSet? Set, FieldErrors Errors) Validate(RuleSetInput? input)
    {
        var errors = new FieldErrors();
        return (RuleSetValidator.Validate(input, errors), errors);
    }

    [Fact]
    public void The_default_of_api_v1_is_valid()
    {
        var (set, errors) = Validate(new RuleSetInput("12:00:00",
            [Good(), new RuleInput("bjmlCoverage", "below", [1.0, 0.5, 0.25], 0.1)]));
        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Equal(RuleSet.RegionDefault, set);
    }

    [Fact]
    public void StaleAfter_defaults_to_twelve_hours_and_an_empty_rule_list_is_allowed()
    {
        var (set, errors) = Validate(new RuleSetInput(null, []));
        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Equal(TimeSpan.FromHours(12), set!.StaleAfter);
        Assert.Empty(set.Rules);
    }

    [Theory]
    [InlineData("00:05:00", true)]
    [InlineData("7.00:00:00", true)]
    [InlineData("1.12:30:00", true)]
    [InlineData("00:04:59", false)]
    [InlineData("7.00:00:01", false)]
    [InlineData("-01:00:00", false)]
    [InlineData("12h", false)]
    [InlineData("", false)]
    public void StaleAfter_is_between_five_minutes_and_seven_days(string text, bool valid)
    {
        var (set, errors) = Validate(new RuleSetInput(text, [Good()]));
        Assert.Equal(valid, set is not null);
        Assert.Equal(!valid, errors.Has("staleAfter"));
    }

    [Fact]
    public void Missing_body_and_rules_are_named()
    {
        Assert.True(Validate(null).Errors.Has("body"));
        Assert.True(Validate(new RuleSetInput("12:00:00", null)).Errors.Has("rules"));
        Assert.True(Validate(new RuleSetInput("12:00:00", [Good(), null])).Errors.Has("rules[1]"));
    }

    [Fact]
    public void At_most_twenty_rules()
    {
        var indicators = new[] { "occupancyRate", "available", "bjmlCoverage", "edWaitingForBed", "bedBlockers", "staleShare" }
            .Concat(new[] { "MCO", "SMR", "PSY", "HAD", "USLD", "EHPAD", "MED", "CHIR", "OBST", "PED", "UHCD", "REA", "USI" }.SelectMany(p => new[] { $"occupancyRate:{p}", $"available:{p}" }))
            .ToArray();
        RuleInput Rule(string indicator) => indicator.StartsWith("occupancyRate") || indicator == "staleShare" ? Good(indicator) : new RuleInput(indicator, "above", [1, 2, 3], 0);

        Assert.True(Validate(new RuleSetInput(null, indicators.Take(20).Select(Rule).ToArray())).Errors.IsEmpty);
        var (set, errors) = Validate(new RuleSetInput(null, indicators.Take(21).Select(Rule).ToArray()));
        Assert.Null(set);
        Assert.Contains("Au plus 20 règles", errors.ToDictionary()["rules"][0]);
    }

    [Theory]
    [InlineData("occupancy")]
    [InlineData("occupancyRate:XYZ")]
    [InlineData("available:mco")]
    [InlineData("staleShare:MCO")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_indicators_are_named_by_path(string? indicator)
    {
        var (set, errors) = Validate(new RuleSetInput(null, [Good(), Good(indicator!)]));
        Assert.Null(set);
        Assert.True(errors.Has("rules[1].indicator"), errors.ToString());
        Assert.False(errors.Has("rules[0].indicator"));
    }

    [Fact]
    public void Unknown_indicator_message_lists_what_is_allowed()
    {
        var (_, errors) = Validate(new RuleSetInput(null, [Good("lits")]));
        var message = errors.ToDictionary()["rules[0].indicator"][0];
        Assert.Contains("Indicateur inconnu « lits »", message);
        Assert.Contains("occupancyRate:<GROUPE|CATÉGORIE>", message);
        Assert.Contains("REA", message);
    }

    [Fact]
    public void An_indicator_has_one_rule()
    {
        var (_, errors) = Validate(new RuleSetInput(null, [Good(), Good()]));
        Assert.True(errors.Has("rules[1].indicator"));
    }

    [Theory]
    [InlineData("sideways")]
    [InlineData("")]
    [InlineData(null)]
    public void Bad_directions_are_named(string? direction)
    {
        var (_, errors) = Validate(new RuleSetInput(null, [Good() with { Direction = direction }]));
        Assert.True(errors.Has("rules[0].direction"));
    }

    [Fact]
    public void Direction_is_read_case_insensitively() =>
        Assert.Equal("below", Validate(new RuleSetInput(null, [new RuleInput("bjmlCoverage", " Below ", [1, 0.5, 0.25], 0.1)])).Set!.Rules[0].Direction);

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(0)]
    public void Exactly_three_thresholds(int count)
    {
        var (_, errors) = Validate(new RuleSetInput(null, [Good() with { Thresholds = Enumerable.Repeat<double?>(0.9, count).ToArray() }]));
        Assert.True(errors.Has("rules[0].thresholds"));
    }

    [Fact]
    public void Thresholds_must_be_monotone_for_their_direction()
    {
        Assert.True(Validate(new RuleSetInput(null, [Good() with { Thresholds = [0.95, 0.90, 1.0] }])).Errors.Has("rules[0].thresholds"));
        Assert.True(Validate(new RuleSetInput(null, [new RuleInput("bjmlCoverage", "below", [0.25, 0.5, 1.0], 0.1)])).Errors.Has("rules[0].thresholds"));
        Assert.True(Validate(new RuleSetInput(null, [Good() with { Thresholds = [0.9, 0.9, 0.9] }])).Errors.IsEmpty);
    }

    [Fact]
    public void Each_bad_threshold_is_named_by_index()
    {
        var (_, errors) = Validate(new RuleSetInput(null, [Good() with { Thresholds = [0.9, null, -1] }]));
        Assert.True(errors.Has("rules[0].thresholds[1]"));
        Assert.True(errors.Has("rules[0].thresholds[2]"));
    }

    [Fact]
    public void A_percentage_typed_for_a_rate_is_refused()
    {
        var (_, errors) = Validate(new RuleSetInput(null, [Good() with { Thresholds = [90, 95, 100] }]));
        Assert.Contains("0.95 pour 95 %", errors.ToDictionary()["rules[0].thresholds[0]"][0]);
        // A coverage may exceed 1 and a count is a count.
        Assert.True(Validate(new RuleSetInput(null, [new RuleInput("bjmlCoverage", "below", [2, 1, 0.5], 0.1)])).Errors.IsEmpty);
        Assert.True(Validate(new RuleSetInput(null, [new RuleInput("edWaitingForBed", "above", [10, 20, 40], 2)])).Errors.IsEmpty);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Negative_or_non_finite_hysteresis_is_refused(double hysteresis)
    {
        var (_, errors) = Validate(new RuleSetInput(null, [Good(), Good("occupancyRate") with { Hysteresis = hysteresis }]));
        Assert.True(errors.Has("rules[1].hysteresis"));
    }

    [Fact]
    public void Missing_hysteresis_is_named() =>
        Assert.True(Validate(new RuleSetInput(null, [Good() with { Hysteresis = null }])).Errors.Has("rules[0].hysteresis"));

    [Fact]
    public void Every_error_of_a_body_is_reported_at_once()
    {
        var (_, errors) = Validate(new RuleSetInput("00:01:00", [new RuleInput("x", "y", [1], -1)]));
        var keys = errors.ToDictionary().Keys.Order().ToArray();
        Assert.Equal(["rules[0].direction", "rules[0].hysteresis", "rules[0].indicator", "rules[0].thresholds", "staleAfter"], keys);
    }

    [Fact]
    public void The_default_serializes_as_api_v1_shows_it()
    {
        var json = JsonSerializer.Serialize(RuleSet.RegionDefault, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.Equal("""{"staleAfter":"12:00:00","rules":[{"indicator":"occupancyRate:MCO","direction":"above","thresholds":[0.9,0.95,1],"hysteresis":0.02},{"indicator":"bjmlCoverage","direction":"below","thresholds":[1,0.5,0.25],"hysteresis":0.1}]}""", json);
        var back = JsonSerializer.Deserialize<RuleSetInput>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        Assert.Equal(RuleSet.RegionDefault, RuleSetValidator.Validate(back, new FieldErrors()));
    }
}
