using Hl7.Fhir.Model;

namespace BedCoord.Exchange.Fhir;

/// <summary>
/// The parameters of a search request, checked against what the resource supports: an unknown parameter is a 400
/// (exchange.md §0), not silently ignored, so a consumer never mistakes an unfiltered answer for a filtered one.
/// </summary>
public sealed class FhirSearch
{
    /// <summary>Accepted on every search: result parameters and the wire format.</summary>
    public static readonly string[] Common = ["_format", "_count", "_offset", "_lastUpdated"];

    public IReadOnlyDictionary<string, string> Filters { get; }
    public int Count { get; }
    public int Offset { get; }
    public FhirDateParam? LastUpdated { get; }

    private FhirSearch(IReadOnlyDictionary<string, string> filters, int count, int offset, FhirDateParam? lastUpdated)
    {
        Filters = filters;
        Count = count;
        Offset = offset;
        LastUpdated = lastUpdated;
    }

    public string? this[string name] => Filters.GetValueOrDefault(name);

    /// <summary>The query without _offset (paging links add their own) nor _format, for the Bundle links.</summary>
    public string LinkQuery { get; private init; } = "";

    public static FhirSearch? Parse(string resourceType, IEnumerable<KeyValuePair<string, string>> query, IReadOnlyCollection<string> supported, List<FhirIssue> issues)
    {
        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        int count = SearchsetBuilder.DefaultCount, offset = 0;
        FhirDateParam? lastUpdated = null;
        var linkParts = new List<string>();
        foreach (var (name, value) in query)
        {
            var at = $"{resourceType}?{name}";
            if (!supported.Contains(name) && !Common.Contains(name))
            {
                issues.Add(new FhirIssue(at, $"Paramètre de recherche « {name} » non pris en charge sur {resourceType} (voir /fhir/r4/metadata).", OperationOutcome.IssueType.NotSupported));
                continue;
            }
            if (name is not ("_offset" or "_format")) linkParts.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}");
            switch (name)
            {
                case "_format": break;
                case "_count":
                    if (!int.TryParse(value, System.Globalization.NumberStyles.None, null, out count) || count > SearchsetBuilder.MaxCount)
                        issues.Add(new FhirIssue(at, $"_count doit être un entier entre 0 et {SearchsetBuilder.MaxCount} (reçu « {value} »)."));
                    break;
                case "_offset":
                    if (!int.TryParse(value, System.Globalization.NumberStyles.None, null, out offset))
                        issues.Add(new FhirIssue(at, $"_offset doit être un entier positif (reçu « {value} »)."));
                    break;
                case "_lastUpdated":
                    if (!FhirDateParam.TryParse(value, out lastUpdated))
                        issues.Add(new FhirIssue(at, $"_lastUpdated doit être une date FHIR avec un préfixe facultatif (ge2025-01-15, lt2025-01-15T08:00:00Z), reçu « {value} »."));
                    break;
                default:
                    if (value.Length == 0) issues.Add(new FhirIssue(at, $"Le paramètre {name} est vide."));
                    else if (!filters.TryAdd(name, value)) issues.Add(new FhirIssue(at, $"Le paramètre {name} est répété ; donnez plusieurs valeurs séparées par des virgules."));
                    break;
            }
        }
        return issues.Count > 0 ? null : new FhirSearch(filters, count, offset, lastUpdated) { LinkQuery = string.Join("&", linkParts) };
    }

    /// <summary>A token parameter "system|value", "|value" or "value", with comma-separated alternatives.</summary>
    public static IEnumerable<(string? System, string Value)> Tokens(string text) =>
        text.Split(',').Select(t =>
        {
            var bar = t.IndexOf('|');
            return bar < 0 ? ((string?)null, t) : (t[..bar], t[(bar + 1)..]);
        });

    /// <summary>A reference parameter "Type/id" or "id" (comma-separated alternatives), reduced to the ids.</summary>
    public static IEnumerable<string> ReferenceIds(string text, string type) =>
        text.Split(',').Select(r => r.StartsWith(type + "/", StringComparison.Ordinal) ? r[(type.Length + 1)..] : r);

    /// <summary>
    /// address-postalcode: BedCoord holds no postal codes, but a French postal code begins with its département's code,
    /// so a prefix search (FHIR string search) is answered from the département: "31" or "31400" match Haute-Garonne.
    /// </summary>
    public static bool PostalCodeMatches(string text, string? district) =>
        district is not null && text.Split(',').Any(v => v.Length >= 2 && (district.StartsWith(v, StringComparison.Ordinal) || v.StartsWith(district, StringComparison.Ordinal)));
}
