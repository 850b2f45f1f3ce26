using System.Text.RegularExpressions;
using BedCoord.Domain.Beds;

namespace BedCoord.Domain.Crisis;

/// <summary>Validates a scope's edited templates (PUT …/measure-templates).</summary>
public static partial class TemplateRules
{
    public const int MaxMeasures = 60;
    public const int MaxTitle = 300;
    public static readonly IReadOnlyList<string> Categories = ["capacity", "activity", "staff", "flow", "safety", "communication", "logistics"];

    public static IReadOnlyList<TriggerTemplates>? Validate(IReadOnlyList<TriggerTemplates>? templates, FieldErrors errors)
    {
        if (templates is null) { errors.Add("templates", "Le champ templates est obligatoire."); return null; }
        var seen = new HashSet<string>();
        for (var i = 0; i < templates.Count; i++)
        {
            var t = templates[i];
            var at = $"templates[{i}]";
            if (t is null) { errors.Add(at, "Modèle vide."); continue; }
            if (!MeasureTriggers.All.Contains(t.Trigger ?? ""))
                errors.Add($"{at}.trigger", $"Déclencheur inconnu : attendu {string.Join(", ", MeasureTriggers.All)}.");
            else if (!seen.Add(t.Trigger!)) errors.Add($"{at}.trigger", $"Le déclencheur {t.Trigger} apparaît deux fois.");
            var measures = t.Measures ?? [];
            if (measures.Count > MaxMeasures) errors.Add($"{at}.measures", $"Au plus {MaxMeasures} mesures par déclencheur.");
            var codes = new HashSet<string>();
            for (var j = 0; j < measures.Count && j < MaxMeasures; j++)
            {
                var m = measures[j];
                var mat = $"{at}.measures[{j}]";
                if (m is null) { errors.Add(mat, "Mesure vide."); continue; }
                if (m.Code is null || !CodePattern().IsMatch(m.Code)) errors.Add($"{mat}.code", "Le code est fait de 1 à 40 lettres minuscules, chiffres ou tirets.");
                else if (!codes.Add(m.Code)) errors.Add($"{mat}.code", $"Le code {m.Code} apparaît deux fois pour ce déclencheur.");
                if (string.IsNullOrWhiteSpace(m.Title) || m.Title.Length > MaxTitle) errors.Add($"{mat}.title", $"Le libellé est obligatoire (au plus {MaxTitle} caractères).");
                if (!Categories.Contains(m.Category ?? "")) errors.Add($"{mat}.category", $"Catégorie inconnue : attendu {string.Join(", ", Categories)}.");
                if (m.DueAfterMinutes is < 1 or > 30 * 24 * 60) errors.Add($"{mat}.dueAfterMinutes", "L'échéance est de 1 minute à 30 jours après l'ouverture (ou null).");
            }
        }
        return errors.IsEmpty ? templates.Select(t => t with { Measures = t.Measures.Select(m => m with { Title = m.Title.Trim() }).ToList() }).ToList() : null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex CodePattern();
}
