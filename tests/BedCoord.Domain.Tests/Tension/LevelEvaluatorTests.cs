using Xunit;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Tension;
using static BedCoord.Domain.Tests.Tension.TestSummary;

namespace BedCoord.Domain.Tests.Tension;

public class LevelEvaluatorTests
{
    private static readonly RuleSet Default = RuleSet.RegionDefault;

    private static Summary MedWithBjml(int occupiedOfHundred, int? bjml, int availablePostEd) =>
        With(bjml is null ? BjmlFigures.NotComputable("Moins de 14 jours", availablePostEd) : new BjmlFigures(bjml, true, null, availablePostEd),
            0, 0, Freshness.None, ("MED", Figures(100, occupiedOfHundred)));

    [Fact]
    public void Worked_sentence_for_the_highest_rule()
    {
        var result = LevelEvaluator.Evaluate(Default, Mco(96), null);
        Assert.Equal(2, result.Level);
        Assert.Equal("Taux d'occupation MCO 96 % ≥ seuil 95 % (tension forte)", result.CauseText);
        Assert.Equal(new LevelCause("occupancyRate:MCO", "above", 2, 0.95, 0.96, false, result.Cause!.Text), result.Cause);
    }

    [Fact]
    public void Level_is_the_max_over_rules_and_each_rule_level_is_kept()
    {
        // MCO 91 % (level 1) and coverage 4/10 = 0.4 (level 2).
        var result = LevelEvaluator.Evaluate(Default, MedWithBjml(91, 10, 4), null);
        Assert.Equal(2, result.Level);
        Assert.Equal(1, result.RuleLevels["occupancyRate:MCO"]);
        Assert.Equal(2, result.RuleLevels["bjmlCoverage"]);
        Assert.Equal("Couverture du BJML 40 % ≤ seuil 50 % (tension forte)", result.CauseText);
    }

    [Fact]
    public void Ties_are_explained_by_the_first_rule()
    {
        var result = LevelEvaluator.Evaluate(Default, MedWithBjml(96, 10, 4), null);
        Assert.Equal(2, result.Level);
        Assert.Equal("occupancyRate:MCO", result.Cause!.Indicator);
    }

    [Fact]
    public void Missing_values_contribute_nothing_and_are_forgotten()
    {
        var previous = new Dictionary<string, int> { ["occupancyRate:MCO"] = 1, ["bjmlCoverage"] = 3 };
        var result = LevelEvaluator.Evaluate(Default, MedWithBjml(50, bjml: null, availablePostEd: 0), previous);
        Assert.Equal(0, result.Level);
        Assert.Null(result.Cause);
        Assert.Equal("Aucun seuil de tension atteint", result.CauseText);
        Assert.Equal(0, result.RuleLevels["occupancyRate:MCO"]);
        Assert.False(result.RuleLevels.ContainsKey("bjmlCoverage"));
    }

    [Fact]
    public void A_scope_without_any_figure_is_normal()
    {
        var result = LevelEvaluator.Evaluate(Default, Of(), null);
        Assert.Equal(LevelEvaluation.None.Level, result.Level);
        Assert.Empty(result.RuleLevels);
    }

    [Fact]
    public void Hysteresis_uses_the_previous_rule_levels_and_says_so()
    {
        var first = LevelEvaluator.Evaluate(Default, Mco(96), null);
        var second = LevelEvaluator.Evaluate(Default, Mco(94), first.RuleLevels);
        Assert.Equal(2, second.Level);
        Assert.True(second.Cause!.Held);
        Assert.Equal("Taux d'occupation MCO 94 % < seuil 95 %, maintenu par l'hystérésis de 2 points (tension forte)", second.CauseText);

        var third = LevelEvaluator.Evaluate(Default, Mco(93), second.RuleLevels);
        Assert.Equal(2, third.Level);
        var fourth = LevelEvaluator.Evaluate(Default, Mco(92), third.RuleLevels);
        Assert.Equal(1, fourth.Level);
        Assert.Equal("Taux d'occupation MCO 92 % ≥ seuil 90 % (tension)", fourth.CauseText);
    }

    [Fact]
    public void Without_previous_levels_there_is_no_hysteresis()
    {
        Assert.Equal(1, LevelEvaluator.Evaluate(Default, Mco(94), null).Level);
    }

    [Fact]
    public void Count_indicators_read_as_counts()
    {
        var rules = new RuleSet(RuleSet.DefaultStaleAfter,
        [
            new Rule("available:REA", Rule.Below, [3, 1, 0], 1),
            new Rule("edWaitingForBed", Rule.Above, [5, 10, 20], 2),
        ]);
        var summary = With(null, edWaiting: 12, blockers: 0, Freshness.None, ("REA", Figures(10, 8)));
        var result = LevelEvaluator.Evaluate(rules, summary, null);
        Assert.Equal(2, result.Level);
        Assert.Equal(1, result.RuleLevels["available:REA"]);
        Assert.Equal("Lits disponibles REA 2 ≤ seuil 3 (tension)", LevelEvaluator.Evaluate(rules with { Rules = [rules.Rules[0]] }, summary, null).CauseText);
        Assert.Equal("Patients des urgences en attente d'un lit 12 ≥ seuil 10 (tension forte)", result.CauseText);
    }

    [Fact]
    public void Fractional_percentages_are_written_with_a_comma()
    {
        var result = LevelEvaluator.Evaluate(Default, Of(("MED", Figures(200, 191))), null);
        Assert.Equal("Taux d'occupation MCO 95,5 % ≥ seuil 95 % (tension forte)", result.CauseText);
    }
}
