using System.Text;

namespace BedCoord.Domain.Import;

/// <summary>Minimal RFC 4180 reader: header row, commas, double-quoted fields with "" escapes.</summary>
public static class Csv
{
    public static IEnumerable<IReadOnlyDictionary<string, string>> ReadRecords(TextReader reader)
    {
        var header = ReadRow(reader);
        if (header is null) yield break;
        var names = header.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        while (ReadRow(reader) is { } row)
        {
            if (row.Count == 1 && row[0].Length == 0) continue;
            var record = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < names.Length; i++) record[names[i]] = i < row.Count ? row[i] : "";
            yield return record;
        }
    }

    private static List<string>? ReadRow(TextReader reader)
    {
        if (reader.Peek() < 0) return null;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        while (true)
        {
            var c = reader.Read();
            if (c < 0) { fields.Add(field.ToString()); return fields; }
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else quoted = false;
                }
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (ch == '\r') { }
            else if (ch == '\n') { fields.Add(field.ToString()); return fields; }
            else field.Append(ch);
        }
    }
}
