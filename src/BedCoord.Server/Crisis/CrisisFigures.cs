using System.Text.Json;
using System.Text.Json.Nodes;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;

namespace BedCoord.Server.Crisis;

/// <summary>
/// "The figures of the moment" a system entry or a point de situation freezes: read from the scope's live summary as
/// JSON, so that figures other parts add to the summary (beds.mobilisable, bedBlockersByDestination) are kept when present.
/// </summary>
public sealed class CrisisFigures(IGrainFactory grains)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public async Task<JsonObject> OfAsync(ScopeRef scope)
    {
        var summary = await grains.Scope(scope).GetSummary(false);
        return Of(summary);
    }

    public static JsonObject Of(Summary summary)
    {
        var json = JsonSerializer.SerializeToNode(summary, Web)!.AsObject();
        var figures = new JsonObject
        {
            ["level"] = summary.Level,
            ["levelName"] = summary.LevelName,
            ["computedLevel"] = summary.ComputedLevel,
            ["declaredLevel"] = summary.DeclaredLevel,
            ["beds"] = json["beds"]?.DeepClone(),
            ["edWaitingForBed"] = summary.EdWaitingForBed,
            ["bedBlockers"] = summary.BedBlockers,
            ["updatedAt"] = summary.UpdatedAt,
        };
        if (json["bedBlockersByDestination"] is { } byDestination) figures["bedBlockersByDestination"] = byDestination.DeepClone();
        if (json["bedBlockersSource"] is { } source) figures["bedBlockersSource"] = source.DeepClone();
        return figures;
    }
}
