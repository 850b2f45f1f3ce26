using BedCoord.Domain.Summaries;

namespace BedCoord.Domain.Tension;

/// <summary>Computes a scope's level from its effective rule set and its own summary (domain.md §6).</summary>
public static class LevelEvaluator
{
    /// <summary>
    /// The computed level is the highest level of any rule. When rules tie, the first in the set gives the
    /// cause, so the order of a rule set is its order of importance.
    /// </summary>
    public static LevelEvaluation Evaluate(RuleSet rules, Summary summary, IReadOnlyDictionary<string, int>? previousRuleLevels)
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        var level = TensionLevel.Normal;
        LevelCause? cause = null;
        foreach (var rule in rules.Rules)
        {
            if (Indicators.Value(rule.Indicator, summary) is not { } value || !double.IsFinite(value)) continue;
            int? previous = previousRuleLevels is not null && previousRuleLevels.TryGetValue(rule.Indicator, out var p) ? p : null;
            var ruleLevel = rule.Level(value, previous);
            levels[rule.Indicator] = ruleLevel;
            if (ruleLevel > level)
            {
                level = ruleLevel;
                cause = CauseOf(rule, ruleLevel, value);
            }
        }
        return new LevelEvaluation(level, levels, cause);
    }

    private static LevelCause CauseOf(Rule rule, int level, double value)
    {
        var threshold = rule.Threshold(level);
        var held = !rule.Reaches(value, level);
        var label = Indicators.Label(rule.Indicator);
        var name = TensionLevel.Label(level).ToLowerInvariant();
        var shown = IndicatorFormat.Value(rule.Indicator, value);
        var seuil = IndicatorFormat.Value(rule.Indicator, threshold);
        var text = held
            ? $"{label} {shown} {(rule.IsAbove ? "<" : ">")} seuil {seuil}, maintenu par l'hystérésis de {IndicatorFormat.Margin(rule.Indicator, rule.Hysteresis)} ({name})"
            : $"{label} {shown} {(rule.IsAbove ? "≥" : "≤")} seuil {seuil} ({name})";
        return new LevelCause(rule.Indicator, rule.Direction, level, threshold, value, held, text);
    }
}
