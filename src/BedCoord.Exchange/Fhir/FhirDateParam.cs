using System.Globalization;

namespace BedCoord.Exchange.Fhir;

/// <summary>
/// A FHIR date search value with its prefix (eq, ge, gt, le, lt; FHIR R4 search §3.1.1.4.5) as the half-open
/// range [Start, End) of its precision: "2025-01-15" is that whole UTC day, an instant is one second.
/// </summary>
public sealed record FhirDateParam(string Prefix, DateTimeOffset Start, DateTimeOffset End)
{
    private static readonly string[] Prefixes = ["eq", "ge", "gt", "le", "lt"];

    public static bool TryParse(string text, out FhirDateParam? value)
    {
        value = null;
        var prefix = "eq";
        if (text.Length > 2 && Prefixes.Contains(text[..2])) { prefix = text[..2]; text = text[2..]; }
        var styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTime.TryParseExact(text, "yyyy", CultureInfo.InvariantCulture, styles, out var year))
            value = new(prefix, Utc(year), Utc(year.AddYears(1)));
        else if (DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, styles, out var month))
            value = new(prefix, Utc(month), Utc(month.AddMonths(1)));
        else if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, styles, out var day))
            value = new(prefix, Utc(day), Utc(day.AddDays(1)));
        else if (text.Contains('T') && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
                 && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > text.IndexOf('T')))
            value = new(prefix, instant.ToUniversalTime(), instant.ToUniversalTime().AddSeconds(1));
        return value is not null;
    }

    public bool Matches(DateTimeOffset at) => Prefix switch
    {
        "ge" => at >= Start,
        "gt" => at >= End,
        "le" => at < End,
        "lt" => at < Start,
        _ => at >= Start && at < End,
    };

    /// <summary>Whether some instant of [from, to] matches (for a period parameter against a report's period).</summary>
    public bool Overlaps(DateTimeOffset from, DateTimeOffset to) => Prefix switch
    {
        "ge" => to >= Start,
        "gt" => to >= End,
        "le" => from < End,
        "lt" => from < Start,
        _ => from < End && to >= Start,
    };

    private static DateTimeOffset Utc(DateTime d) => new(DateTime.SpecifyKind(d, DateTimeKind.Utc));
}
