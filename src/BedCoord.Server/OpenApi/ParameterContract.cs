using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace BedCoord.Server.OpenApi;

/// <summary>
/// A parameter as the contract states it. Handlers read most query parameters as text themselves, so that a bad
/// value is refused with a message naming it (never a bare binding failure); this is where their type, bounds and
/// examples are declared for the document instead.
/// </summary>
public sealed record ParameterContract(string Name, ParameterLocation In, string Description)
{
    public JsonSchemaType Type { get; init; } = JsonSchemaType.String;
    public string? Format { get; init; }
    public string? Minimum { get; init; }
    public string? Maximum { get; init; }
    public int? MaxLength { get; init; }
    public string? Pattern { get; init; }
    public IReadOnlyList<string>? Values { get; init; }
    public JsonNode? Default { get; init; }
    public JsonNode? Example { get; init; }
    public bool Required { get; init; }

    public OpenApiParameter ToOpenApi() => new()
    {
        Name = Name,
        In = In,
        Description = Description,
        Required = Required || In == ParameterLocation.Path,
        Example = Example?.DeepClone(),
        Schema = new OpenApiSchema
        {
            Type = Type,
            Format = Format,
            Minimum = Minimum,
            Maximum = Maximum,
            MaxLength = MaxLength,
            Pattern = Pattern,
            Enum = Values?.Select(v => (JsonNode)JsonValue.Create(v)!).ToList(),
            Default = Default?.DeepClone(),
        },
    };
}

/// <summary>Shorthands for the parameters the API uses.</summary>
public static class Param
{
    public static ParameterContract Int(string name, string description, int min, int max, int? @default = null) =>
        new(name, ParameterLocation.Query, description)
        {
            Type = JsonSchemaType.Integer, Format = "int32", Minimum = min.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Maximum = max.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Default = @default is { } d ? JsonValue.Create(d) : null, Example = JsonValue.Create(@default ?? min),
        };

    /// <summary>An instant: ISO 8601 with an offset or Z (a time without one is refused: "08:00" is ambiguous).</summary>
    public static ParameterContract Time(string name, string description) =>
        new(name, ParameterLocation.Query, description) { Format = "date-time", Example = JsonValue.Create("2026-12-07T08:00:00Z") };

    public static ParameterContract Date(string name, string description) =>
        new(name, ParameterLocation.Query, description) { Format = "date", Example = JsonValue.Create("2026-12-07") };

    public static ParameterContract Text(string name, string description, string example, string? pattern = null, int? maxLength = null, bool required = false) =>
        new(name, ParameterLocation.Query, description) { Example = JsonValue.Create(example), Pattern = pattern, MaxLength = maxLength, Required = required };

    public static ParameterContract OneOf(string name, string description, IReadOnlyList<string> values, string? @default = null, bool required = false) =>
        new(name, ParameterLocation.Query, description)
        {
            Values = values, Required = required, Default = @default is null ? null : JsonValue.Create(@default),
            Example = JsonValue.Create(@default ?? values[0]),
        };

    /// <summary>A scope as "kind:id" (region:OCC, sector:NORD, department:31, establishment:310781406).</summary>
    public static ParameterContract Scope(string name, string description) =>
        Text(name, description, "region:OCC", pattern: "^(region|sector|department|establishment):[A-Za-z0-9-]{1,20}$");

    /// <summary>An ISO week, e.g. 2026-W48.</summary>
    public static ParameterContract Week(string name, string description) =>
        Text(name, description, "2026-W48", pattern: "^[0-9]{4}-W[0-9]{2}$");

    public static ParameterContract Header(string name, string description, string example) =>
        new(name, ParameterLocation.Header, description) { Example = JsonValue.Create(example) };
}
