using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace BedCoord.Persistence.Alerts;

/// <summary>Keeps alerts in PostgreSQL (group commit) and lists those of a scope's subtree, newest first.</summary>
public sealed class AlertStore(NpgsqlDataSource db, ILogger<AlertStore> log) : GroupCommitWriter<(Alert Alert, string Path)>(db, log)
{
    public Task AddAsync(Alert alert, string path) => AppendAsync((alert, path));

    protected override async Task WriteBatchAsync(NpgsqlConnection connection, IReadOnlyList<(Alert Alert, string Path)> rows)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY bedcoord_alerts (id, at, scope_kind, scope_id, path, name, from_level, to_level, computed_level, declared_level, cause) FROM STDIN (FORMAT BINARY)");
        foreach (var (a, path) in rows)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(a.Id, NpgsqlDbType.Text);
            await copy.WriteAsync(a.At, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(a.Scope.Name(), NpgsqlDbType.Text);
            await copy.WriteAsync(a.ScopeId, NpgsqlDbType.Text);
            await copy.WriteAsync(path, NpgsqlDbType.Text);
            await copy.WriteAsync(a.Name, NpgsqlDbType.Text);
            await copy.WriteAsync(a.From, NpgsqlDbType.Integer);
            await copy.WriteAsync(a.To, NpgsqlDbType.Integer);
            await copy.WriteAsync(a.ComputedLevel, NpgsqlDbType.Integer);
            if (a.DeclaredLevel is { } d) await copy.WriteAsync(d, NpgsqlDbType.Integer); else await copy.WriteNullAsync();
            await copy.WriteAsync(a.Cause, NpgsqlDbType.Text);
        }
        await copy.CompleteAsync();
    }

    /// <summary>Alerts of the scope at <paramref name="path"/> and below (all when null), newest first.</summary>
    public async Task<IReadOnlyList<Alert>> ListAsync(string? path, DateTimeOffset? since, int limit, DateTimeOffset? until = null)
    {
        await using var cmd = DataSource.CreateCommand("""
            SELECT id, at, scope_kind, scope_id, name, from_level, to_level, computed_level, declared_level, cause
            FROM bedcoord_alerts
            WHERE ($1::text IS NULL OR path = $1 OR path LIKE $1 || '/%') AND ($2::timestamptz IS NULL OR at >= $2)
              AND ($4::timestamptz IS NULL OR at <= $4)
            ORDER BY at DESC, id DESC LIMIT $3
            """);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)path ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)since ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit);
        cmd.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)until ?? DBNull.Value);
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
