using Microsoft.Extensions.Primitives;

namespace BedCoord.Server.Api;

/// <summary>Unit versions as entity tags: ETag "7", If-Match "7" (or W/"7", or *).</summary>
public static class ETags
{
    public static string Format(long version) => $"\"{version}\"";

    /// <summary>False when the header is present but not a version; expected is null when any version is accepted.</summary>
    public static bool TryParseIfMatch(StringValues header, out long? expected)
    {
        expected = null;
        if (StringValues.IsNullOrEmpty(header)) return true;
        var text = header.ToString().Trim();
        if (text == "*") return true;
        if (text.StartsWith("W/", StringComparison.Ordinal)) text = text[2..];
        text = text.Trim('"');
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, null, out var v)) return false;
        expected = v;
        return true;
    }
}
