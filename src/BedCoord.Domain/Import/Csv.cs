using nietras.SeparatedValues;

namespace BedCoord.Domain.Import;

/// <summary>
/// Reads the CSV files BedCoord takes in (reference data, admissions imports) through Sep: RFC 4180 quotes
/// with "" escapes, a byte order mark ignored, spaces around cells trimmed, blank lines skipped.
/// </summary>
public static class Csv
{
    /// <summary>One non-blank row: its cells and where it starts (1-based line, as a spreadsheet numbers it).</summary>
    public sealed record Row(int Line, string Text, IReadOnlyList<string> Cells);

    /// <summary>Rows of <paramref name="reader"/>, header included, cut on <paramref name="separator"/>.</summary>
    public static IEnumerable<Row> ReadRows(TextReader reader, char separator = ',')
    {
        using var csv = Sep.New(separator).Reader(o => o with
        {
            HasHeader = false,
            Unescape = true,
            Trim = SepTrim.All,
            // Rows may have fewer or more cells than the header; callers say what that means.
            DisableColCountCheck = true,
        }).From(reader);
        var first = true;
        // Lines counted from the rows' own text: Sep's line numbers shift after a quoted header.
        var line = 1;
        foreach (var row in csv)
        {
            var start = line;
            line += 1 + row.Span.Count('\n');
            var cells = new string[row.ColCount];
            for (var i = 0; i < cells.Length; i++) cells[i] = row[i].ToString();
            // A byte order mark left by a string source (a stream reader already drops it).
            if (first && cells.Length > 0) cells[0] = cells[0].TrimStart('\uFEFF').Trim();
            first = false;
            if (cells.Length == 1 && cells[0].Length == 0) continue;
            yield return new Row(start, row.Span.ToString().TrimStart('\uFEFF'), cells);
        }
    }

    /// <summary>Records keyed by the header's names (case-insensitive); a missing trailing cell reads as empty.</summary>
    public static IEnumerable<IReadOnlyDictionary<string, string>> ReadRecords(TextReader reader, char separator = ',')
    {
        string[]? names = null;
        foreach (var row in ReadRows(reader, separator))
        {
            if (names is null)
            {
                names = row.Cells.ToArray();
                continue;
            }
            var record = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < names.Length; i++) record[names[i]] = i < row.Cells.Count ? row.Cells[i] : "";
            yield return record;
        }
    }
}
