using System.Globalization;
using System.Text.Json;
using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Territory;
using BedCoord.Server.Auth;
using Npgsql;
using BedCoord.Server.OpenApi;

namespace BedCoord.Server.Api;

/// <summary>
/// GET /api/audit: the audit trail of a scope and everything under it, newest first, for supervisors and
/// admins. Read-only: the API has no way to change the trail, and the table refuses UPDATE and DELETE.
/// </summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", List).WithName("listAudit").WithTags("Audit")
            .WithSummary("Audit trail of a scope's subtree, newest first (supervisors of the region, admins)")
            .WithParameters(
                Param.Scope("scope", "The scope whose subtree's trail is listed (default: everything the caller may read)"),
                Param.Time("since", "Only entries at or after this instant"),
                Param.Int("limit", "At most this many entries", 1, 1000, 200))
            .Produces<IReadOnlyList<AuditLine>>().Refuses(400, 403);
        return api;
    }

    private static async Task<IResult> List(string? scope, string? since, string? limit, HttpContext http,
        TerritoryCatalogHolder territory, NpgsqlDataSource db)
    {
        var caller = http.User.ToCaller();
        if (caller.Role is not (Roles.Supervisor or Roles.Admin))
            return Problems.Forbidden("Seuls les superviseurs et administrateurs consultent le journal d'audit.");

        var errors = new FieldErrors();
        ScopeRef? root = null;
        if (!string.IsNullOrEmpty(scope))
        {
            if (ScopeRef.TryParse(scope, out var s) && territory.Current.Contains(s)) root = s;
            else errors.Add("scope", "scope doit désigner un périmètre connu, par exemple region:OCC ou establishment:090000183.");
        }
        DateTimeOffset? from = null;
        if (!string.IsNullOrEmpty(since))
        {
            if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) from = t;
            else errors.Add("since", "since doit être une date ISO 8601.");
        }
        var max = 200;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > 1000))
            errors.Add("limit", "limit doit être un entier entre 1 et 1000.");
        if (!errors.IsEmpty) return Problems.Invalid(errors);
        if (root is { } r && caller.Role == Roles.Supervisor && !WritePolicy.Allows(caller, WriteKind.RuleSet, r, territory.Current))
            return Problems.Forbidden("Ce périmètre n'est pas dans votre région.");

        // The subtree as the (kind, id) pairs the trail records; units are "finess/unit".
        var catalog = territory.Current;
        var scopes = root is { } top ? Subtree(catalog, top).ToList() : null;
        await using var cmd = db.CreateCommand("""
            SELECT id, at, actor, role, action, scope_kind, scope_id, before, after, request_id FROM bedcoord_audit
            WHERE ($1::text[] IS NULL OR (scope_kind || ':' || scope_id) = ANY($1)) AND ($2::timestamptz IS NULL OR at >= $2)
            ORDER BY at DESC, id DESC LIMIT $3
            """);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, (object?)scopes?.ToArray() ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlTypes.NpgsqlDbType.TimestampTz, (object?)from ?? DBNull.Value);
        cmd.Parameters.AddWithValue(max);
        var rows = new List<AuditLine>();
        await using var reader = await cmd.ExecuteReaderAsync(http.RequestAborted);
        while (await reader.ReadAsync(http.RequestAborted))
            rows.Add(new AuditLine(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), Json(reader, 7), Json(reader, 8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        return Results.Ok(rows);
    }

    private static JsonElement? Json(NpgsqlDataReader reader, int i) =>
        reader.IsDBNull(i) ? null : JsonDocument.Parse(reader.GetString(i)).RootElement.Clone();

    private static IEnumerable<string> Subtree(TerritoryCatalog catalog, ScopeRef scope)
    {
        yield return scope.ToString();
        foreach (var child in catalog.ChildrenOf(scope))
            foreach (var s in Subtree(catalog, child)) yield return s;
    }
}
