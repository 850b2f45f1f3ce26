using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace BedCoord.Server.OpenApi;

/// <summary>
/// The route parameters every feature shares, declared once by name so that an endpoint added later gets the
/// same description, pattern and example without repeating them.
/// </summary>
public static class PathParameters
{
    public static readonly IReadOnlyList<string> ScopeKinds = ["regions", "sectors", "departments", "establishments"];

    private static readonly Dictionary<string, ParameterContract> Known = new(StringComparer.Ordinal)
    {
        ["kind"] = new("kind", ParameterLocation.Path, "The kind of scope, plural: regions, sectors, departments or establishments.")
            { Values = ScopeKinds, Example = JsonValue.Create("regions") },
        ["id"] = new("id", ParameterLocation.Path, "The scope's id: a region or sector code (OCC, NORD), a département code (31, 2A) or an establishment's FINESS.")
            { Pattern = "^[A-Za-z0-9-]{1,20}$", Example = JsonValue.Create("OCC") },
        ["finess"] = new("finess", ParameterLocation.Path, "The establishment's FINESS number (9 characters).")
            { Pattern = "^[0-9][0-9AB][0-9]{7}$", Example = JsonValue.Create("120000039") },
        ["unitId"] = new("unitId", ParameterLocation.Path, "The unit's id within its establishment (lower case, digits, hyphens).")
            { Pattern = "^[a-z0-9-]{1,40}$", Example = JsonValue.Create("med") },
        ["code"] = new("code", ParameterLocation.Path, "A département code (31, 2A, 974).")
            { Pattern = "^[0-9][0-9AB][0-9]?$", Example = JsonValue.Create("12") },
        ["actionId"] = new("actionId", ParameterLocation.Path, "The action's id.")
            { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1", Example = JsonValue.Create(1) },
    };

    public static ParameterContract? Find(string name) => Known.GetValueOrDefault(name);
}
