using System.Text.Json;
using System.Text.Json.Serialization;

namespace BedCoord.Domain.Tension;

/// <summary>
/// The JSON body of POST declarations: {"level":"crise"|3,"reason":"...","expiresAt":null|"1h"|"3h"|"6h"|"2026-03-01T18:00:00Z"}.
/// Level is kept as text whether it came as a name or a number, so both reach one parser.
/// </summary>
public sealed record DeclarationInput(
    [property: JsonConverter(typeof(TextOrNumberConverter))] string? Level,
    string? Reason,
    string? ExpiresAt);

/// <summary>Reads a JSON string or number as text, so "3" and 3 mean the same.</summary>
public sealed class TextOrNumberConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        // Objects and arrays become a value the level parser rejects by name, not a deserialization failure.
        _ => Skip(ref reader),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value);
    }

    private static string Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return "<objet>";
    }
}
