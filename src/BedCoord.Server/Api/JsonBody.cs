using System.Text.Json;
using BedCoord.Domain.Beds;
using Microsoft.AspNetCore.Http.Features;

namespace BedCoord.Server.Api;

/// <summary>
/// Reads a JSON request body ourselves rather than through model binding, so that every wrong type,
/// unknown field or malformed document is answered with the name of the field, never a 500.
/// </summary>
public sealed class JsonBody : IDisposable
{
    private readonly JsonDocument _document;
    public JsonElement Root => _document.RootElement;

    private JsonBody(JsonDocument document) => _document = document;

    public void Dispose() => _document.Dispose();

    public static async Task<(JsonBody? Body, IResult? Error)> ReadAsync(HttpRequest request, JsonValueKind expected = JsonValueKind.Object)
    {
        if (!IsJson(request.ContentType)) return (null, Problems.UnsupportedMediaType("application/json"));
        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 32 }, request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind != expected)
            {
                document.Dispose();
                return (null, Problems.Invalid("$", expected == JsonValueKind.Object ? "Le corps doit être un objet JSON." : "Le corps doit être un tableau JSON."));
            }
            return (new JsonBody(document), null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Invalid("$", $"Le corps n'est pas un JSON valide (ligne {e.LineNumber + 1}, position {e.BytePositionInLine})."));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge(request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0));
        }
    }

    /// <summary>For deserializing a validated body into an input record: camelCase, numbers only as numbers.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The JSON field a deserialization error points at ("$.rules[0].thresholds" -> "rules[0].thresholds").</summary>
    public static string FieldOf(JsonException e) => string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.TrimStart('$', '.');

    public static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
                                    || (contentType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && contentType.Contains("+json", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Reports every property that is not one of <paramref name="allowed"/>.</summary>
    public void RejectUnknown(IReadOnlyCollection<string> allowed, FieldErrors errors, Func<string, string?>? explain = null)
    {
        foreach (var property in Root.EnumerateObject())
            if (!allowed.Contains(property.Name))
                errors.Add(property.Name, explain?.Invoke(property.Name) ?? $"Champ inconnu « {Short(property.Name)} » (attendus : {string.Join(", ", allowed)}).");
    }

    /// <summary>A whole number, or null with an error naming the field when it is missing or of another type.</summary>
    public int? Int(string name, FieldErrors errors, bool required = true)
    {
        if (!Root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(name, $"Le champ {name} est obligatoire.");
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i)) return i;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d))
            errors.Add(name, $"Le champ {name} doit être un nombre entier (reçu {d}).");
        else
            errors.Add(name, $"Le champ {name} doit être un nombre entier (reçu {Describe(value)}).");
        return null;
    }

    public string? String(string name, FieldErrors errors, int maxLength, bool required = false)
    {
        if (!Root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(name, $"Le champ {name} est obligatoire.");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String) { errors.Add(name, $"Le champ {name} doit être une chaîne (reçu {Describe(value)})."); return null; }
        var s = value.GetString()!;
        if (s.Length > maxLength) { errors.Add(name, $"Le champ {name} ne doit pas dépasser {maxLength} caractères."); return null; }
        if (required && string.IsNullOrWhiteSpace(s)) { errors.Add(name, $"Le champ {name} est obligatoire."); return null; }
        return s;
    }

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "une chaîne",
        JsonValueKind.Object => "un objet",
        JsonValueKind.Array => "un tableau",
        JsonValueKind.True or JsonValueKind.False => "un booléen",
        JsonValueKind.Null => "null",
        _ => value.ToString(),
    };

    private static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
