using System.Text.Json;
using System.Text.Json.Serialization;

namespace BedCoord.Grains;

/// <summary>
/// How grain state is written to PostgreSQL: plain camelCase JSON with no .NET type names, so that renaming
/// or moving a class never orphans stored state; the contract is the property names.
/// </summary>
public static class StateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.Strict,
    };
}
