using System.Text.Json;

namespace Orleans.Storage;

/// <summary>
/// Stores grain state as plain UTF-8 JSON shaped only by the state's properties, never by .NET type names,
/// so stored state survives renaming or moving a class and stays readable from SQL (payloadbinary::text).
/// Orleans.Core already owns the names JsonGrainStorageSerializer (Newtonsoft, embeds type names) and
/// SystemTextJsonGrainStorageSerializer (options from DI); this one takes its options directly.
/// </summary>
public sealed class StableJsonGrainStorageSerializer : IGrainStorageSerializer
{
    private readonly JsonSerializerOptions _options;

    public StableJsonGrainStorageSerializer(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A private frozen copy: the stored format must not change when the caller later tweaks shared options.
        _options = new JsonSerializerOptions(options);
        _options.MakeReadOnly(populateMissingResolver: true);
    }

    public BinaryData Serialize<T>(T? input) =>
        new(JsonSerializer.SerializeToUtf8Bytes(input, _options));

    public T? Deserialize<T>(BinaryData input) =>
        JsonSerializer.Deserialize<T>(input.ToMemory().Span, _options);
}
