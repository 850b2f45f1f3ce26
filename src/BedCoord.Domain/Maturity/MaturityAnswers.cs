using System.Text.Json;
using BedCoord.Domain.Beds;

namespace BedCoord.Domain.Maturity;

/// <summary>An establishment's answers to one grid version: question id → option id or "non-concerne".</summary>
public sealed record MaturityAnswers(string GridVersion, IReadOnlyDictionary<string, string> Answers);

/// <summary>
/// Checks answers against the grid in force before anything is stored: every refusal names its field
/// ("gridVersion", "answers.&lt;question&gt;"), and one wrong answer refuses the whole request.
/// </summary>
public static class MaturityAnswerValidator
{
    public static MaturityAnswers? Read(JsonElement answers, string? gridVersion, MaturityGrid grid, FieldErrors errors)
    {
        if (gridVersion is null) errors.Add("gridVersion", "gridVersion est obligatoire : la version de la grille à laquelle ces réponses répondent.");
        else if (gridVersion != grid.Version)
            errors.Add("gridVersion", $"Ces réponses visent la grille « {gridVersion} » ; la grille en vigueur est « {grid.Version} ». Rechargez le questionnaire.");
        if (answers.ValueKind != JsonValueKind.Object) { errors.Add("answers", "answers est un objet {question: option}."); return null; }
        var read = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in answers.EnumerateObject())
        {
            var field = $"answers.{Short(p.Name)}";
            if (grid.Question(p.Name) is not { } q)
            {
                errors.Add(field, $"La question « {Short(p.Name)} » n'existe pas dans la grille « {grid.Version} ».");
                continue;
            }
            if (p.Value.ValueKind == JsonValueKind.Null) continue; // cleared: same as unanswered
            if (p.Value.ValueKind != JsonValueKind.String) { errors.Add(field, "La réponse est l'identifiant d'une option (chaîne)."); continue; }
            var option = p.Value.GetString()!;
            if (option == MaturityGrid.NotConcerned)
            {
                if (!q.NotApplicableAllowed)
                    errors.Add(field, q.Bjml
                        ? "L'item BJML n'admet pas « non concerné » : un BJML non calculable vaut 0 point."
                        : $"La question « {q.Id} » n'admet pas « non concerné ».");
                else read[q.Id] = option;
                continue;
            }
            if (q.Option(option) is null)
            {
                errors.Add(field, $"Option « {Short(option)} » inconnue pour la question « {q.Id} » (options : {string.Join(", ", q.Options.Select(o => o.Id))}).");
                continue;
            }
            read[q.Id] = option;
        }
        return errors.IsEmpty ? new MaturityAnswers(grid.Version, read) : null;
    }

    private static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
