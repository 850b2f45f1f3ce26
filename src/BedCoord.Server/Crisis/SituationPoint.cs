using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BedCoord.Domain.Crisis;
using BedCoord.Domain.Tension;
using BedCoord.Server.Reports;

namespace BedCoord.Server.Crisis;

/// <summary>
/// "Point de situation": the cell's figures frozen into one main courante entry — a readable text and the same figures
/// as JSON in the entry's data, both covered by its hash.
/// </summary>
public static class SituationPoint
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static LogbookDraft Draft(Domain.Territory.ScopeRef scope, CellOverview o, string? comment, string author, string role)
    {
        var figures = CrisisFigures.Of(o.Summary);
        var data = new JsonObject
        {
            ["figures"] = figures,
            ["declarations"] = JsonSerializer.SerializeToNode(o.Declarations, Web),
            ["establishmentsByLevel"] = JsonSerializer.SerializeToNode(o.EstablishmentsByLevel, Web),
            ["openMeasures"] = JsonSerializer.SerializeToNode(o.OpenMeasures.Select(m => new { m.Id, m.ScopeName, m.Title, m.Status, m.Owner, m.DueAt, m.Overdue }), Web),
            ["openRequests"] = JsonSerializer.SerializeToNode(o.OpenRequests.Select(r => new { r.Id, r.EstablishmentId, r.Kind, r.Urgency, r.Count, r.Status }), Web),
        };
        return new LogbookDraft(scope, LogbookKinds.Point, Text(o, figures, comment), null, null, null, null, author, role, "point", data.ToJsonString());
    }

    private static string Text(CellOverview o, JsonObject figures, string? comment)
    {
        var s = o.Summary;
        var b = new StringBuilder();
        b.Append($"Point de situation — {o.Name}, {French.Moment(o.At, year: true)}\n");
        b.Append($"Niveau : {TensionLevel.Label(s.Level)} (calculé {TensionLevel.Label(s.ComputedLevel)}").Append(s.DeclaredLevel is { } d ? $", déclaré {TensionLevel.Label(d)})" : ")").Append('\n');
        b.Append($"Lits : {s.Beds.Available} disponibles sur {s.Beds.Open} ouverts, occupation {French.Number(s.Beds.OccupancyRate * 100)} %\n");
        if (figures["beds"]?["mobilisable"] is JsonObject m)
            b.Append($"Capacité mobilisable : +{Int(m, "total")} lits (réouvrables {Int(m, "reopenable")}, sans renfort RH {Int(m, "surgeWithoutStaff")}, avec renfort RH {Int(m, "surgeWithStaff")})\n");
        b.Append($"Urgences : {s.EdWaitingForBed} patients en attente de lit ; patients bloqués (sortants sans aval) : {s.BedBlockers}");
        if (figures["bedBlockersByDestination"] is JsonObject byDest && byDest.Count > 0)
            b.Append(" — ").Append(string.Join(", ", byDest.Select(kv => $"{kv.Key} {kv.Value}")));
        b.Append('\n');
        if (o.EstablishmentsByLevel.Count > 0)
            b.Append("Établissements par niveau : ").Append(string.Join(", ", o.EstablishmentsByLevel.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"))).Append('\n');
        b.Append($"Déclarations en cours : {o.Declarations.Count}");
        if (o.Declarations.Count > 0)
            b.Append(" — ").Append(string.Join(" ; ", o.Declarations.Take(20).Select(x => $"{x.Name} ({TensionLevel.Label(x.Level)}, depuis {Duration(x.DurationMinutes)})")))
                .Append(o.Declarations.Count > 20 ? " …" : "");
        b.Append('\n');
        b.Append($"Mesures ouvertes : {o.OpenMeasures.Count}, dont {o.OverdueMeasures} en retard\n");
        b.Append($"Demandes ouvertes : {o.OpenRequests.Count}");
        if (!string.IsNullOrWhiteSpace(comment)) b.Append("\nCommentaire : ").Append(comment.Trim());
        var text = b.ToString();
        return text.Length <= LogbookRules.MaxText ? text : text[..(LogbookRules.MaxText - 1)] + "…";
    }

    private static string Int(JsonObject o, string name) => o[name]?.GetValue<int>().ToString(CultureInfo.InvariantCulture) ?? "0";

    public static string Duration(long minutes) => minutes switch
    {
        < 60 => $"{minutes} min",
        < 48 * 60 => $"{minutes / 60} h {minutes % 60:00}",
        _ => $"{minutes / (24 * 60)} j {minutes % (24 * 60) / 60} h",
    };
}
