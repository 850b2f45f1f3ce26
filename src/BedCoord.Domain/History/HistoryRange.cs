using System.Globalization;
using BedCoord.Domain.Beds;

namespace BedCoord.Domain.History;

/// <summary>The from / to / step of a history request, checked (api-v1 § History and replay).</summary>
public sealed record HistoryRange(DateTimeOffset From, DateTimeOffset To, Step Step)
{
    public static HistoryRange? Parse(string? from, string? to, string? step, DateTimeOffset now, FieldErrors errors)
    {
        var end = ParseTime("to", to, errors) ?? now;
        var start = ParseTime("from", from, errors) ?? end.AddHours(-24);
        if (!errors.IsEmpty) return null;
        if (start > end) { errors.Add("from", "Le début (from) doit précéder la fin (to)."); return null; }
        Step s;
        if (step is null) s = Steps.ChooseFor(end - start);
        else if (!Steps.TryParse(step, out s)) { errors.Add("step", $"Pas inconnu « {Clip(step)} » : 1m, 1h ou 1d."); return null; }
        var count = s.Count(start, end);
        if (count > Steps.MaxPoints)
        {
            errors.Add(step is null ? "from" : "step",
                $"Cette période donnerait {count} points au pas {s.Name()} (au plus {Steps.MaxPoints}) : raccourcissez la période ou prenez un pas plus long.");
            return null;
        }
        return new HistoryRange(start, end, s);
    }

    /// <summary>An instant as ISO 8601 with an offset or Z; a time without zone is ambiguous across DST and refused.</summary>
    public static DateTimeOffset? ParseTime(string field, string? text, FieldErrors errors)
    {
        if (text is null) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            && (text.EndsWith('Z') || text.EndsWith('z') || HasOffset(text)))
            return t.ToUniversalTime();
        errors.Add(field, $"Date « {Clip(text)} » illisible : attendu un instant ISO 8601 avec fuseau, par exemple 2026-12-01T08:00:00Z.");
        return null;
    }

    private static bool HasOffset(string text) => text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':';

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
