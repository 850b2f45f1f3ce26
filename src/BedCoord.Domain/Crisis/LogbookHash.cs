using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Crisis;

/// <summary>
/// The hash chain of a main courante: each entry's hash is SHA-256 over its canonical serialisation followed by the
/// previous entry's hash, so changing, removing or reordering any entry breaks every hash after it.
/// The canonical form is a JSON array with the fields in a fixed order, times in UTC to the microsecond (what
/// PostgreSQL keeps), absent values as null: the same bytes whoever computes it, today or in ten years.
/// </summary>
public static class LogbookHash
{
    /// <summary>The "previous hash" of a scope's first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Compute(LogbookEntry e) => Compute(e.Id, e.Seq, e.Kind, new ScopeRef(e.Scope, e.ScopeId), e.Text, e.Source,
        e.EventAt, e.Check, e.Corrects, e.Author, e.Role, e.At, e.Link, e.Data, e.PrevHash);

    public static string Compute(string id, long seq, string kind, ScopeRef scope, string text, string? source, DateTimeOffset? eventAt,
        string? check, string? corrects, string author, string role, DateTimeOffset at, string? link, string? data, string prevHash)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            w.WriteStringValue("bedcoord-logbook-v1");
            w.WriteStringValue(id);
            w.WriteNumberValue(seq);
            w.WriteStringValue(kind);
            w.WriteStringValue(scope.ToString());
            w.WriteStringValue(text);
            Nullable(w, source);
            Nullable(w, eventAt is { } t ? Time(t) : null);
            Nullable(w, check);
            Nullable(w, corrects);
            w.WriteStringValue(author);
            w.WriteStringValue(role);
            w.WriteStringValue(Time(at));
            Nullable(w, link);
            Nullable(w, data);
            w.WriteStringValue(prevHash);
            w.WriteEndArray();
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    /// <summary>Server times are cut to the microsecond before hashing and storing, so both sides agree.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);

    private static string Time(DateTimeOffset t) => Truncate(t).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void Nullable(Utf8JsonWriter w, string? s)
    {
        if (s is null) w.WriteNullValue(); else w.WriteStringValue(s);
    }

    /// <summary>For tests and the export footer: a short form people can read aloud.</summary>
    public static string Short(string hash) => hash.Length <= 16 ? hash : hash[..16];
}
