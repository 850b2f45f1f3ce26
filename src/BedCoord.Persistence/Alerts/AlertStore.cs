using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using Npgsql;

namespace BedCoord.Persistence.Alerts;

/// <summary>Keeps alerts in PostgreSQL and lists those of a scope's subtree, newest first.</summary>
public sealed class AlertStore(NpgsqlDataSource db)
{
    public async Task AddAsync(Alert alert, string path)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO bedcoord_alerts (id, at, scope_kind, scope_id, path, name, from_level, to_level, computed_level, declared_level, cause)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING
            """);
        cmd.Parameters.AddWithValue(alert.Id);
        cmd.Parameters.AddWithValue(alert.At);
        cmd.Parameters.AddWithValue(alert.Scope.Name());
        cmd.Parameters.AddWithValue(alert.ScopeId);
        cmd.Parameters.AddWithValue(path);
        cmd.Parameters.AddWithValue(alert.Name);
        cmd.Parameters.AddWithValue(alert.From);
        cmd.Parameters.AddWithValue(alert.To);
        cmd.Parameters.AddWithValue(alert.ComputedLevel);
        cmd.Parameters.AddWithValue((object?)alert.DeclaredLevel ?? DBNull.Value);
        cmd.Parameters.AddWithValue(alert.Cause);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Alerts of the scope at <paramref name="path"/> and below (all when null), newest first.</summary>
    public async Task<IReadOnlyList<Alert>> ListAsync(string? path, DateTimeOffset? since, int limit)
    {
        await using var cmd = db.CreateCommand("""
            SELECT id, at, scope_kind, scope_id, name, from_level, to_level, computed_level, declared_level, cause
            FROM bedcoord_alerts
            WHERE ($1::text IS NULL OR path = $1 OR path LIKE $1 || '/%') AND ($2::timestamptz IS NULL OR at >= $2)
            ORDER BY at DESC, id DESC LIMIT $3
            """);
        cmd.Parameters.AddWithValue((object?)path ?? DBNull.Value);
        cmd.Parameters.AddWithValue((object?)since ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit);
        var alerts = new List<Alert>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ScopeKinds.TryParse(reader.GetString(2), out var kind);
            alerts.Add(new Alert(reader.GetString(0), kind, reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.IsDBNull(8) ? null : reader.GetInt32(8),
                reader.GetString(9), reader.GetFieldValue<DateTimeOffset>(1)));
        }
        return alerts;
    }

    /// <summary>"OCC/SUD/09/090000183": the scope's ancestors from the region down, for subtree queries.</summary>
    public static string PathOf(ScopeRef scope, TerritoryCatalog territory) =>
        string.Join('/', territory.SelfAndAncestors(scope).Reverse().Select(s => s.Id));
}
