using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace BedCoord.Exchange.Fhir;

/// <summary>The two wire formats of /fhir/r4 (exchange.md §0): JSON (default) and XML, chosen by _format or Accept.</summary>
public enum FhirWireFormat { Json, Xml }

public static class FhirFormat
{
    public const string JsonMediaType = "application/fhir+json";
    public const string XmlMediaType = "application/fhir+xml";

    private static readonly FhirJsonSerializer JsonWriter = new();
    private static readonly FhirXmlSerializer XmlWriter = new();
    private static readonly DeserializerSettings Strict = new DeserializerSettings().UsingMode(DeserializationMode.Strict);
    private static readonly FhirJsonDeserializer JsonReader = new(Strict);
    private static readonly FhirXmlDeserializer XmlReader = new(Strict);

    public static string MediaType(FhirWireFormat format) => format == FhirWireFormat.Xml ? XmlMediaType : JsonMediaType;

    /// <summary>_format wins over Accept; null when _format names something else (the caller answers 406).</summary>
    public static FhirWireFormat? Choose(string? formatParameter, string? accept)
    {
        if (!string.IsNullOrEmpty(formatParameter))
            return formatParameter.ToLowerInvariant() switch
            {
                "json" or "application/json" or "application/fhir+json" => FhirWireFormat.Json,
                "xml" or "text/xml" or "application/xml" or "application/fhir+xml" => FhirWireFormat.Xml,
                _ => null,
            };
        if (accept is not null && accept.Contains("xml", StringComparison.OrdinalIgnoreCase) && !accept.Contains("json", StringComparison.OrdinalIgnoreCase))
            return FhirWireFormat.Xml;
        return FhirWireFormat.Json;
    }

    public static string Serialize(Resource resource, FhirWireFormat format) =>
        format == FhirWireFormat.Xml ? XmlWriter.SerializeToString(resource) : JsonWriter.SerializeToString(resource);

    /// <summary>Parses a body in the format its Content-Type says; the error text names what is wrong.</summary>
    public static Resource? TryParse(string body, FhirWireFormat format, out string? error)
    {
        error = null;
        try
        {
            // Strict mode: unknown elements and wrong types are refused, not silently dropped.
            return format == FhirWireFormat.Xml ? XmlReader.DeserializeResource(body) : JsonReader.DeserializeResource(body);
        }
        catch (Exception e) when (e is FormatException or DeserializationFailedException or System.Text.Json.JsonException or System.Xml.XmlException)
        {
            error = e.Message;
            return null;
        }
    }
}
