using System.Globalization;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Tension;

/// <summary>Checks a PUT thresholds body; errors are keyed by JSON path (rules[1].thresholds) in French.</summary>
public static class RuleSetValidator
{
    /// <summary>Counts above this are typing mistakes: no scope holds a million beds or patients.</summary>
    private const double MaxCountThreshold = 1_000_000;

    /// <summary>The rule set when the input is valid, else null with every problem in <paramref name="errors"/>.</summary>
    public static RuleSet? Validate(RuleSetInput? input, FieldErrors errors)
    {
        if (input is null)
        {
            errors.Add("body", "Le corps de la requête est vide : attendu {\"staleAfter\":\"12:00:00\",\"rules\":[...]}.");
            return null;
        }

        var staleAfter = StaleAfter(input.StaleAfter, errors);
        var rules = new List<Rule>();
        if (input.Rules is null)
            errors.Add("rules", "Le champ rules (règles de niveau de tension) est obligatoire ; une liste vide est permise.");
        else if (input.Rules.Count > RuleSet.MaxRules)
            errors.Add("rules", $"Au plus {RuleSet.MaxRules} règles sont permises (reçu {input.Rules.Count}).");
        else
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < input.Rules.Count; i++)
            {
                if (ValidateRule(input.Rules[i], $"rules[{i}]", errors) is not { } rule) continue;
                // Each rule's level is remembered by indicator between evaluations, so an indicator appears once.
                if (seen.TryGetValue(rule.Indicator, out var first))
                    errors.Add($"rules[{i}].indicator", $"L'indicateur {rule.Indicator} est déjà utilisé par rules[{first}] ; un indicateur ne peut avoir qu'une règle.");
                else
                {
                    seen[rule.Indicator] = i;
                    rules.Add(rule);
                }
            }
        }
        return errors.IsEmpty ? new RuleSet(staleAfter, rules) : null;
    }

    /// <summary>Missing means the default (12 h), as domain.md §5 makes it optional.</summary>
    private static TimeSpan StaleAfter(string? text, FieldErrors errors)
    {
        if (text is null) return RuleSet.DefaultStaleAfter;
        if (!TimeSpan.TryParseExact(text.Trim(), "c", CultureInfo.InvariantCulture, out var value))
        {
            errors.Add("staleAfter", $"Le champ staleAfter (délai avant qu'une unité soit signalée non à jour) doit être une durée hh:mm:ss ou j.hh:mm:ss, ex. 12:00:00 (reçu « {text} »).");
            return default;
        }
        if (value < RuleSet.MinStaleAfter || value > RuleSet.MaxStaleAfter)
            errors.Add("staleAfter", $"Le champ staleAfter doit être compris entre 00:05:00 (5 minutes) et 7.00:00:00 (7 jours) (reçu {text}).");
        return value;
    }

    private static Rule? ValidateRule(RuleInput? input, string path, FieldErrors errors)
    {
        if (input is null)
        {
            errors.Add(path, "La règle est vide : attendu {\"indicator\",\"direction\",\"thresholds\",\"hysteresis\"}.");
            return null;
        }
        var ok = true;
        void Fail(string field, string message) { errors.Add(field, message); ok = false; }

        var indicator = input.Indicator?.Trim();
        if (string.IsNullOrEmpty(indicator))
            Fail($"{path}.indicator", $"Le champ indicator est obligatoire. Indicateurs possibles : {Indicators.Grammar}.");
        else if (!Indicators.IsKnown(indicator))
            Fail($"{path}.indicator",
                $"Indicateur inconnu « {indicator} ». Indicateurs possibles : {Indicators.Grammar} ; groupes : {string.Join(", ", BedGroups.All)} ; catégories : {string.Join(", ", BedCategory.All.Select(c => c.Code))}.");

        var direction = input.Direction?.Trim().ToLowerInvariant();
        if (direction is not (Rule.Above or Rule.Below))
            Fail($"{path}.direction", $"Le champ direction doit valoir \"above\" (niveau atteint au-dessus du seuil) ou \"below\" (en dessous) (reçu « {input.Direction} »).");

        var fraction = Indicators.IsFraction(indicator);
        var thresholds = Thresholds(input.Thresholds, direction, fraction, $"{path}.thresholds", errors);
        if (thresholds is null) ok = false;

        if (input.Hysteresis is not { } hysteresis)
            Fail($"{path}.hysteresis", "Le champ hysteresis (marge à franchir pour redescendre de niveau) est obligatoire ; 0 pour aucune.");
        else if (!double.IsFinite(hysteresis) || hysteresis < 0)
            Fail($"{path}.hysteresis", $"Le champ hysteresis doit être un nombre positif ou nul (reçu {Show(hysteresis)}).");

        return ok
            ? new Rule(indicator!, direction!, thresholds!, input.Hysteresis!.Value)
            : null;
    }

    private static double[]? Thresholds(IReadOnlyList<double?>? input, string? direction, bool fraction, string path, FieldErrors errors)
    {
        if (input is null)
        {
            errors.Add(path, "Le champ thresholds est obligatoire : trois seuils [niveau 1, niveau 2, niveau 3].");
            return null;
        }
        if (input.Count != 3)
        {
            errors.Add(path, $"Le champ thresholds doit contenir exactement 3 seuils (tension, tension forte, crise) (reçu {input.Count}).");
            return null;
        }
        var ok = true;
        for (var i = 0; i < 3; i++)
        {
            var t = input[i];
            if (t is null || !double.IsFinite(t.Value))
            {
                errors.Add($"{path}[{i}]", "Le seuil doit être un nombre.");
                ok = false;
            }
            else if (t < 0)
            {
                errors.Add($"{path}[{i}]", $"Le seuil doit être positif ou nul (reçu {Show(t.Value)}).");
                ok = false;
            }
            else if (fraction && t > 1)
            {
                // Occupancy and stale share never exceed 1: a 95 here is a percentage typed for a fraction.
                errors.Add($"{path}[{i}]", $"Un taux s'écrit en fraction de 0 à 1 (0.95 pour 95 %) (reçu {Show(t.Value)}).");
                ok = false;
            }
            else if (t > MaxCountThreshold)
            {
                errors.Add($"{path}[{i}]", $"Le seuil ne peut pas dépasser {MaxCountThreshold:0} (reçu {Show(t.Value)}).");
                ok = false;
            }
        }
        if (!ok) return null;

        var values = input.Select(t => t!.Value).ToArray();
        if (direction == Rule.Above && !(values[0] <= values[1] && values[1] <= values[2]))
        {
            errors.Add(path, $"Avec direction \"above\", les seuils doivent être croissants (niveau 1 ≤ niveau 2 ≤ niveau 3) (reçu [{string.Join(", ", values.Select(Show))}]).");
            return null;
        }
        if (direction == Rule.Below && !(values[0] >= values[1] && values[1] >= values[2]))
        {
            errors.Add(path, $"Avec direction \"below\", les seuils doivent être décroissants (niveau 1 ≥ niveau 2 ≥ niveau 3) (reçu [{string.Join(", ", values.Select(Show))}]).");
            return null;
        }
        return values;
    }

    private static string Show(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
