using System.Globalization;
using System.Text.Json;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Import;

namespace BedCoord.Domain.Maturity;

/// <summary>
/// Reads a grid an admin imports, as JSON or CSV (formats in docs/API.md § Maturity index), and checks it:
/// every error names the field (JSON path, or CSV line and column). Null when anything is wrong.
/// </summary>
public static class MaturityGridReader
{
    public const int MaxQuestions = 200;
    public const int MaxOptions = 12;
    public static readonly string[] CsvColumns =
        ["theme", "theme_label", "question", "text", "weight", "qualitative", "non_concerne", "bjml", "option", "option_label", "points"];

    public static MaturityGrid? FromJson(JsonElement root, FieldErrors errors)
    {
        if (root.ValueKind != JsonValueKind.Object) { errors.Add("$", "La grille doit être un objet JSON."); return null; }
        var version = Str(root, "version", "version", errors, 40, required: true);
        var title = Str(root, "title", "title", errors, 200, required: true);
        var demonstration = Bool(root, "demonstration", "demonstration", errors);
        var rule = NotApplicableRule.Excluded;
        var ruleText = Str(root, "notApplicable", "notApplicable", errors, 20);
        if (ruleText is not null && !TryRule(ruleText, out rule)) errors.Add("notApplicable", "notApplicable vaut « excluded » ou « zero ».");

        var themes = new List<MaturityTheme>();
        if (Array(root, "themes", "themes", errors) is { } themeArray)
            foreach (var (t, i) in themeArray.EnumerateArray().Select((t, i) => (t, i)))
            {
                var path = $"themes[{i}]";
                if (t.ValueKind != JsonValueKind.Object) { errors.Add(path, "Chaque thème est un objet {id, label}."); continue; }
                var id = Str(t, "id", path + ".id", errors, 40, required: true);
                var label = Str(t, "label", path + ".label", errors, 200, required: true);
                if (id is not null && label is not null) themes.Add(new MaturityTheme(id, label));
            }

        var questions = new List<MaturityQuestion>();
        if (Array(root, "questions", "questions", errors) is { } questionArray)
            foreach (var (q, i) in questionArray.EnumerateArray().Select((q, i) => (q, i)))
            {
                var path = $"questions[{i}]";
                if (q.ValueKind != JsonValueKind.Object) { errors.Add(path, "Chaque question est un objet."); continue; }
                var options = new List<MaturityOption>();
                if (Array(q, "options", path + ".options", errors) is { } optionArray)
                    foreach (var (o, j) in optionArray.EnumerateArray().Select((o, j) => (o, j)))
                    {
                        var op = $"{path}.options[{j}]";
                        if (o.ValueKind != JsonValueKind.Object) { errors.Add(op, "Chaque option est un objet {id, label, points}."); continue; }
                        var oid = Str(o, "id", op + ".id", errors, 40, required: true);
                        var olabel = Str(o, "label", op + ".label", errors, 300, required: true);
                        var points = Num(o, "points", op + ".points", errors) ?? 0;
                        if (oid is not null && olabel is not null) options.Add(new MaturityOption(oid, olabel, points));
                    }
                var question = new MaturityQuestion(
                    Str(q, "id", path + ".id", errors, 40, required: true) ?? "",
                    Str(q, "theme", path + ".theme", errors, 40, required: true) ?? "",
                    Str(q, "text", path + ".text", errors, 1000, required: true) ?? "",
                    Num(q, "weight", path + ".weight", errors) ?? 1,
                    Bool(q, "qualitative", path + ".qualitative", errors),
                    Bool(q, "notApplicableAllowed", path + ".notApplicableAllowed", errors),
                    Bool(q, "bjml", path + ".bjml", errors),
                    options);
                questions.Add(question);
            }
        if (!errors.IsEmpty) return null;
        return Check(new MaturityGrid(version!, title!, demonstration, rule, themes, questions), errors, i => $"questions[{i}]");
    }

    /// <summary>One row per option; a question's fields are read from its first row (later rows may leave them empty).</summary>
    public static MaturityGrid? FromCsv(string text, string? version, string? title, bool demonstration, string? notApplicable, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(version)) errors.Add("version", "Le paramètre version est obligatoire pour une grille CSV.");
        else if (version.Length > 40) errors.Add("version", "version ne doit pas dépasser 40 caractères.");
        if (string.IsNullOrWhiteSpace(title)) errors.Add("title", "Le paramètre title est obligatoire pour une grille CSV.");
        var rule = NotApplicableRule.Excluded;
        if (!string.IsNullOrEmpty(notApplicable) && !TryRule(notApplicable, out rule)) errors.Add("notApplicable", "notApplicable vaut « excluded » ou « zero ».");
        var firstLine = text.TrimStart('\uFEFF').Split('\n', 2)[0];
        var separator = firstLine.Contains(';') ? ';' : ',';
        var rows = Csv.ReadRows(new StringReader(text), separator).ToList();
        if (rows.Count == 0) { errors.Add("$", "Le fichier CSV est vide."); return null; }
        var header = rows[0].Cells.Select(c => c.ToLowerInvariant()).ToList();
        var missingColumns = CsvColumns.Where(c => !header.Contains(c)).ToList();
        if (missingColumns.Count > 0) { errors.Add("$header", $"Colonnes manquantes : {string.Join(", ", missingColumns)} (attendues : {string.Join(separator, CsvColumns)})."); return null; }
        string Cell(Csv.Row r, string column) { var i = header.IndexOf(column); return i < r.Cells.Count ? r.Cells[i] : ""; }

        var themes = new List<MaturityTheme>();
        var questions = new List<(MaturityQuestion Question, int Line)>();
        var optionsOf = new Dictionary<string, List<MaturityOption>>(StringComparer.Ordinal);
        foreach (var row in rows.Skip(1))
        {
            var at = $"ligne {row.Line}";
            var questionId = Cell(row, "question");
            if (questionId.Length == 0) { errors.Add($"{at}.question", "Identifiant de question manquant."); continue; }
            if (!optionsOf.ContainsKey(questionId))
            {
                var themeId = Cell(row, "theme");
                if (themeId.Length == 0) errors.Add($"{at}.theme", "Thème manquant.");
                else if (themes.All(t => t.Id != themeId)) themes.Add(new MaturityTheme(themeId, Cell(row, "theme_label") is { Length: > 0 } l ? l : themeId));
                questions.Add((new MaturityQuestion(questionId, themeId, Cell(row, "text"),
                    CsvNumber(Cell(row, "weight"), $"{at}.weight", errors, 1),
                    CsvBool(Cell(row, "qualitative"), $"{at}.qualitative", errors),
                    CsvBool(Cell(row, "non_concerne"), $"{at}.non_concerne", errors),
                    CsvBool(Cell(row, "bjml"), $"{at}.bjml", errors), []), row.Line));
                optionsOf[questionId] = [];
            }
            var optionId = Cell(row, "option");
            if (optionId.Length == 0) { errors.Add($"{at}.option", "Identifiant d'option manquant."); continue; }
            optionsOf[questionId].Add(new MaturityOption(optionId, Cell(row, "option_label"), CsvNumber(Cell(row, "points"), $"{at}.points", errors, 0)));
        }
        if (!errors.IsEmpty) return null;
        var list = questions.Select(q => q.Question with { Options = optionsOf[q.Question.Id] }).ToList();
        return Check(new MaturityGrid(version!.Trim(), title!.Trim(), demonstration, rule, themes, list), errors, i => $"ligne {questions[i].Line}");
    }

    /// <summary>The rules a grid must follow whatever its format; <paramref name="where"/> names question i in errors.</summary>
    internal static MaturityGrid? Check(MaturityGrid grid, FieldErrors errors, Func<int, string> where)
    {
        if (grid.Themes.Count == 0) errors.Add("themes", "La grille doit avoir au moins un thème.");
        foreach (var dup in grid.Themes.GroupBy(t => t.Id).Where(g => g.Count() > 1)) errors.Add("themes", $"Thème « {dup.Key} » en double.");
        if (grid.Questions.Count == 0) errors.Add("questions", "La grille doit avoir au moins une question.");
        if (grid.Questions.Count > MaxQuestions) errors.Add("questions", $"Au plus {MaxQuestions} questions.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < grid.Questions.Count; i++)
        {
            var q = grid.Questions[i];
            var at = where(i);
            if (!seen.Add(q.Id)) errors.Add($"{at}.id", $"Question « {q.Id} » en double.");
            if (q.Id == MaturityGrid.NotConcerned) errors.Add($"{at}.id", "Identifiant réservé.");
            if (grid.Themes.All(t => t.Id != q.Theme)) errors.Add($"{at}.theme", $"Thème « {q.Theme} » inconnu de la grille.");
            if (string.IsNullOrWhiteSpace(q.Text)) errors.Add($"{at}.text", "Le texte de la question est obligatoire.");
            if (!(q.Weight > 0 && q.Weight <= 100)) errors.Add($"{at}.weight", "Le poids est un nombre strictement positif (au plus 100).");
            if (q.Options.Count is < 1 or > MaxOptions) errors.Add($"{at}.options", $"Une question a de 1 à {MaxOptions} options.");
            if (q.Options.Any(o => o.Id == MaturityGrid.NotConcerned))
                errors.Add($"{at}.options", $"« {MaturityGrid.NotConcerned} » est réservé : autorisez « non concerné » par notApplicableAllowed.");
            foreach (var dup in q.Options.GroupBy(o => o.Id).Where(g => g.Count() > 1)) errors.Add($"{at}.options", $"Option « {dup.Key} » en double.");
            if (q.Options.Any(o => o.Points < 0 || double.IsNaN(o.Points) || o.Points > 1000)) errors.Add($"{at}.options", "Les points vont de 0 à 1000.");
            if (q.Options.Any(o => string.IsNullOrWhiteSpace(o.Label))) errors.Add($"{at}.options", "Chaque option a un libellé.");
            if (!q.Qualitative && q.Options.Count > 0 && q.MaxPoints <= 0) errors.Add($"{at}.options", "Une question comptée dans le score a au moins une option qui rapporte des points.");
            if (q.Bjml && q.NotApplicableAllowed)
                errors.Add($"{at}.notApplicableAllowed", "L'item BJML n'admet pas « non concerné » : un BJML non calculable vaut 0, sans renormalisation.");
            if (q.Bjml && q.Qualitative) errors.Add($"{at}.bjml", "L'item BJML est compté dans le score.");
        }
        if (grid.Questions.Count(q => q.Bjml) > 1) errors.Add("questions", "Une seule question peut être l'item BJML.");
        return errors.IsEmpty ? grid : null;
    }

    private static bool TryRule(string text, out NotApplicableRule rule)
    {
        rule = text switch { "excluded" => NotApplicableRule.Excluded, "zero" => NotApplicableRule.Zero, _ => (NotApplicableRule)(-1) };
        return Enum.IsDefined(rule);
    }

    private static string? Str(JsonElement o, string name, string path, FieldErrors errors, int max, bool required = false)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(path, $"{path} est obligatoire.");
            return null;
        }
        if (v.ValueKind != JsonValueKind.String) { errors.Add(path, $"{path} doit être une chaîne."); return null; }
        var s = v.GetString()!.Trim();
        if (required && s.Length == 0) { errors.Add(path, $"{path} est obligatoire."); return null; }
        if (s.Length > max) { errors.Add(path, $"{path} ne doit pas dépasser {max} caractères."); return null; }
        return s;
    }

    private static bool Bool(JsonElement o, string name, string path, FieldErrors errors)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return false;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        errors.Add(path, $"{path} vaut true ou false.");
        return false;
    }

    private static double? Num(JsonElement o, string name, string path, FieldErrors errors)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d)) return d;
        errors.Add(path, $"{path} doit être un nombre.");
        return null;
    }

    private static JsonElement? Array(JsonElement o, string name, string path, FieldErrors errors)
    {
        if (o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array) return v;
        errors.Add(path, $"{path} doit être un tableau.");
        return null;
    }

    private static double CsvNumber(string text, string path, FieldErrors errors, double empty)
    {
        if (text.Length == 0) return empty;
        if (double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)) return d;
        errors.Add(path, $"« {text} » n'est pas un nombre.");
        return empty;
    }

    private static bool CsvBool(string text, string path, FieldErrors errors)
    {
        switch (text.ToLowerInvariant())
        {
            case "" or "0" or "non" or "false" or "no": return false;
            case "1" or "oui" or "true" or "yes": return true;
            default: errors.Add(path, $"« {text} » : attendu oui ou non."); return false;
        }
    }
}
