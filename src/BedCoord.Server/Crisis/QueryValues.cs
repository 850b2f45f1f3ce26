using System.Globalization;
using BedCoord.Domain.Beds;

namespace BedCoord.Server.Crisis;

/// <summary>Query-string values of the crisis endpoints, each error naming its parameter.</summary>
public static class QueryValues
{
    public static DateTimeOffset? Time(string name, string? text, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t.ToUniversalTime();
        errors.Add(name, $"{name} doit être une date ISO 8601, par exemple 2026-01-15T08:00:00Z.");
        return null;
    }

    public static int Int(string name, string? text, int fallback, int min, int max, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(text)) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
        errors.Add(name, $"{name} doit être un entier entre {min} et {max}.");
        return fallback;
    }

    public static bool Flag(string name, string? text, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(text)) return false;
        if (bool.TryParse(text, out var b)) return b;
        errors.Add(name, $"{name} vaut true ou false.");
        return false;
    }
}
