using System.Globalization;
using System.Text.Json;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Import;

namespace BedCoord.Domain.Bjml;

/// <summary>
/// Reads the body of POST ed-admissions: CSV with header "date,count" or a JSON array [{"date","count"}].
/// Errors name the CSV line (line[3].count, header counted as line 1) or the JSON index ([2].date).
/// A date given twice keeps its last count, as a later line corrects an earlier one.
/// </summary>
public static class EdAdmissionsParser
{
    public const int MaxCount = 10_000;
    public const int MaxRows = 20_000;
    /// <summary>Past this many errors the rest is not read: the file is wrong as a whole.</summary>
    public const int MaxErrors = 20;
    public static readonly DateOnly MinDate = new(2000, 1, 1);

    /// <summary>Counts sorted by date, or null with errors. Dates after <paramref name="today"/> are refused when it is given.</summary>
    public static IReadOnlyList<DailyCount>? ParseCsv(string text, FieldErrors errors, DateOnly? today = null)
    {
        var counts = new Dictionary<DateOnly, int>();
        text = text.TrimStart('\uFEFF');
        var header = -1;
        var errorCount = 0;
        var rows = 0;
        using var reader = new StringReader(text);
        foreach (var row in Csv.ReadRows(reader, Separator(text)))
        {
            if (errorCount >= MaxErrors) break;
            var number = row.Line;
            var cells = row.Cells;
            if (header < 0)
            {
                header = number;
                if (cells.Count != 2 || !cells[0].Equals("date", StringComparison.OrdinalIgnoreCase) || !cells[1].Equals("count", StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add("header", $"La première ligne doit être l'en-tête \"date,count\" (reçu « {Cut(row.Text.Trim())} »).");
                    return null;
                }
                continue;
            }
            if (++rows > MaxRows)
            {
                errors.Add("body", $"Au plus {MaxRows} lignes par import.");
                return null;
            }
            if (cells.Count != 2)
            {
                errors.Add($"line[{number}]", $"Ligne {number} : deux colonnes attendues, date et count (reçu « {Cut(row.Text.Trim())} »).");
                errorCount++;
                continue;
            }
            if (!Row(cells[0], cells[1], $"line[{number}]", $"Ligne {number}", today, counts, errors)) errorCount++;
        }
        if (header < 0) errors.Add("body", "Le fichier est vide : attendu l'en-tête \"date,count\" puis une ligne par jour.");
        return Finish(counts, errorCount, errors);
    }

    // French spreadsheets export with semicolons; the first line says which separator the file uses.
    private static char Separator(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
            if (!line.IsWhiteSpace()) return line.Contains(';') ? ';' : ',';
        return ',';
    }

    public static IReadOnlyList<DailyCount>? ParseJson(string json, FieldErrors errors, DateOnly? today = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            errors.Add("body", $"JSON illisible (ligne {e.LineNumber + 1}) : attendu [{{\"date\":\"2025-01-31\",\"count\":12}}, ...].");
            return null;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                errors.Add("body", "Un tableau JSON est attendu : [{\"date\":\"2025-01-31\",\"count\":12}, ...].");
                return null;
            }
            if (document.RootElement.GetArrayLength() > MaxRows)
            {
                errors.Add("body", $"Au plus {MaxRows} éléments par import.");
                return null;
            }
            var counts = new Dictionary<DateOnly, int>();
            var errorCount = 0;
            var index = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (errorCount >= MaxErrors) break;
                var path = $"[{index}]";
                var where = $"Élément {index}";
                index++;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(path, $"{where} : un objet {{\"date\",\"count\"}} est attendu.");
                    errorCount++;
                    continue;
                }
                var date = item.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : Raw(item, "date");
                var count = item.TryGetProperty("count", out var c) ? c.GetRawText() : null;
                if (!Row(date, count, path, where, today, counts, errors)) errorCount++;
            }
            return Finish(counts, errorCount, errors);
        }
    }

    private static bool Row(string? dateText, string? countText, string path, string where, DateOnly? today,
        Dictionary<DateOnly, int> counts, FieldErrors errors)
    {
        var ok = true;
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add($"{path}.date", $"{where} : date ISO AAAA-MM-JJ attendue (reçu « {Cut(dateText ?? "")} »).");
            ok = false;
        }
        else if (date < MinDate || date > today)
        {
            errors.Add($"{path}.date", $"{where} : la date {date:yyyy-MM-dd} doit être comprise entre {MinDate:yyyy-MM-dd} et aujourd'hui.");
            ok = false;
        }
        if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > MaxCount)
        {
            errors.Add($"{path}.count", $"{where} : count doit être un entier entre 0 et {MaxCount} (reçu « {Cut(countText ?? "")} »).");
            ok = false;
        }
        if (ok) counts[date] = count;
        return ok;
    }

    private static IReadOnlyList<DailyCount>? Finish(Dictionary<DateOnly, int> counts, int errorCount, FieldErrors errors)
    {
        if (errorCount >= MaxErrors) errors.Add("body", $"{MaxErrors} erreurs ou plus : lecture arrêtée, vérifiez le format du fichier.");
        return errors.IsEmpty ? counts.OrderBy(kv => kv.Key).Select(kv => new DailyCount(kv.Key, kv.Value)).ToArray() : null;
    }

    private static string? Raw(JsonElement item, string name) => item.TryGetProperty(name, out var v) ? v.GetRawText() : null;

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
