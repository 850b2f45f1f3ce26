using System.Text.Json;
using BedCoord.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace BedCoord.Server.Audit;

/// <summary>The audit trail's writer: one binary COPY per batch of concurrent writes.</summary>
public sealed class AuditLog(NpgsqlDataSource db, ILogger<AuditLog> log) : GroupCommitWriter<AuditEntry>(db, log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task RecordAsync(AuditEntry entry) => AppendAsync(entry);

    protected override Task WriteBatchAsync(NpgsqlConnection connection, IReadOnlyList<AuditEntry> rows) => CopyAsync(connection, rows);

    /// <summary>
    /// Writes the records on the caller's connection, inside its transaction if one is open: an import's starting
    /// states and their records commit together (UnitStateStore.InitializeManyAsync).
    /// </summary>
    public static async Task CopyAsync(NpgsqlConnection connection, IEnumerable<AuditEntry> rows)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "COPY bedcoord_audit (at, actor, role, action, scope_kind, scope_id, before, after, request_id) FROM STDIN (FORMAT BINARY)");
        foreach (var e in rows)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(e.At, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(e.Actor, NpgsqlDbType.Text);
            await copy.WriteAsync(e.Role, NpgsqlDbType.Text);
            await copy.WriteAsync(e.Action, NpgsqlDbType.Text);
            await copy.WriteAsync(e.ScopeKind, NpgsqlDbType.Text);
            await copy.WriteAsync(e.ScopeId, NpgsqlDbType.Text);
            await WriteJsonAsync(copy, e.Before);
            await WriteJsonAsync(copy, e.After);
            if (e.RequestId is null) await copy.WriteNullAsync(); else await copy.WriteAsync(e.RequestId, NpgsqlDbType.Text);
        }
        await copy.CompleteAsync();
    }

    private static Task WriteJsonAsync(NpgsqlBinaryImporter copy, object? value) => value is null
        ? copy.WriteNullAsync()
        : copy.WriteAsync(JsonSerializer.Serialize(value, Json), NpgsqlDbType.Jsonb);
}
