using System.Text.Json;
using BedCoord.Domain.Crisis;
using BedCoord.Domain.Territory;
using Npgsql;
using NpgsqlTypes;

namespace BedCoord.Persistence.Crisis;

/// <summary>Checklist templates per scope and the measures they opened.</summary>
public sealed class MeasureStore(NpgsqlDataSource db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const string Columns = "id, scope_kind, scope_id, code, title, category, trigger, status, owner, due_at, opened_at, opened_by, closed_at, closed_by, overdue_at";

    public async Task<(IReadOnlyList<TriggerTemplates> Templates, DateTimeOffset At, string By)?> TemplatesAsync(ScopeRef scope, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT templates::text, updated_at, updated_by FROM bedcoord_measure_templates WHERE scope_kind = $1 AND scope_id = $2");
        cmd.Parameters.AddWithValue(scope.Kind.Name());
        cmd.Parameters.AddWithValue(scope.Id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var templates = JsonSerializer.Deserialize<List<TriggerTemplates>>(r.GetString(0), Json) ?? [];
        return (templates, r.GetFieldValue<DateTimeOffset>(1), r.GetString(2));
    }

    public async Task SaveTemplatesAsync(ScopeRef scope, IReadOnlyList<TriggerTemplates> templates, string by, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO bedcoord_measure_templates (scope_kind, scope_id, templates, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (scope_kind, scope_id) DO UPDATE SET templates = EXCLUDED.templates, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
            """);
        cmd.Parameters.AddWithValue(scope.Kind.Name());
        cmd.Parameters.AddWithValue(scope.Id);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Jsonb, JsonSerializer.Serialize(templates, Json));
        cmd.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, at);
        cmd.Parameters.AddWithValue(by);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Inserts an opened checklist unless one of the same trigger is still open on the scope (checked under the scope's lock).</summary>
    public async Task<bool> OpenAsync(ScopeRef scope, string path, string trigger, IReadOnlyList<Measure> measures, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(5072225, hashtext($1))", connection, tx))
        {
            lockCmd.Parameters.AddWithValue(scope.ToString());
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        await using (var open = new NpgsqlCommand("SELECT 1 FROM bedcoord_measures WHERE scope_kind = $1 AND scope_id = $2 AND trigger = $3 AND status IN ('planned','engaged') LIMIT 1", connection, tx))
        {
            open.Parameters.AddWithValue(scope.Kind.Name());
            open.Parameters.AddWithValue(scope.Id);
            open.Parameters.AddWithValue(trigger);
            if (await open.ExecuteScalarAsync(ct) is not null) return false;
        }
        var batch = new NpgsqlBatch(connection, tx);
        foreach (var m in measures)
        {
            var c = new NpgsqlBatchCommand($"INSERT INTO bedcoord_measures ({Columns}, path) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)");
            Bind(c.Parameters, m);
            c.Parameters.AddWithValue(path);
            batch.BatchCommands.Add(c);
        }
        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Measures of the scope at <paramref name="path"/> and below; only open ones when asked.</summary>
    public async Task<IReadOnlyList<Measure>> ListAsync(string path, bool openOnly, bool subtree, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM bedcoord_measures
            WHERE (path = $1 OR ($3 AND path LIKE $1 || '/%')) AND (NOT $2 OR status IN ('planned','engaged'))
            ORDER BY opened_at DESC, id LIMIT 5000
            """);
        cmd.Parameters.AddWithValue(path);
        cmd.Parameters.AddWithValue(openOnly);
        cmd.Parameters.AddWithValue(subtree);
        return await ReadAllAsync(cmd, ct);
    }

    public async Task<IReadOnlyList<Measure>> OpenOnScopeAsync(ScopeRef scope, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM bedcoord_measures WHERE scope_kind = $1 AND scope_id = $2 AND status IN ('planned','engaged') ORDER BY opened_at, id");
        cmd.Parameters.AddWithValue(scope.Kind.Name());
        cmd.Parameters.AddWithValue(scope.Id);
        return await ReadAllAsync(cmd, ct);
    }

    /// <summary>The scopes with open measures of the given triggers (declared ones: a lift or an expiry closes them).</summary>
    public async Task<IReadOnlyList<ScopeRef>> ScopesWithOpenAsync(IReadOnlyCollection<string> triggers, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT DISTINCT scope_kind, scope_id FROM bedcoord_measures WHERE status IN ('planned','engaged') AND trigger = ANY($1)
            """);
        cmd.Parameters.AddWithValue(triggers.ToArray());
        var scopes = new List<ScopeRef>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            if (ScopeKinds.TryParse(r.GetString(0), out var kind)) scopes.Add(new ScopeRef(kind, r.GetString(1)));
        return scopes;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the measure under a row lock; null from it (refused) changes nothing.
    /// Returns the measure before and after, or null when there is no such measure on the scope.
    /// </summary>
    public async Task<(Measure Before, Measure? After)?> UpdateAsync(ScopeRef scope, string id, Func<Measure, Measure?> change, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        Measure before;
        await using (var select = new NpgsqlCommand($"SELECT {Columns} FROM bedcoord_measures WHERE id = $1 AND scope_kind = $2 AND scope_id = $3 FOR UPDATE", connection, tx))
        {
            select.Parameters.AddWithValue(id);
            select.Parameters.AddWithValue(scope.Kind.Name());
            select.Parameters.AddWithValue(scope.Id);
            var found = await ReadAllAsync(select, ct);
            if (found.Count == 0) return null;
            before = found[0];
        }
        var after = change(before);
        if (after is null) return (before, null);
        await using (var update = new NpgsqlCommand("""
            UPDATE bedcoord_measures SET status = $2, owner = $3, due_at = $4, closed_at = $5, closed_by = $6, overdue_at = $7 WHERE id = $1
            """, connection, tx))
        {
            var p = update.Parameters;
            p.AddWithValue(id);
            p.AddWithValue(after.Status);
            p.AddWithValue(NpgsqlDbType.Text, (object?)after.Owner ?? DBNull.Value);
            p.AddWithValue(NpgsqlDbType.TimestampTz, (object?)after.DueAt ?? DBNull.Value);
            p.AddWithValue(NpgsqlDbType.TimestampTz, (object?)after.ClosedAt ?? DBNull.Value);
            p.AddWithValue(NpgsqlDbType.Text, (object?)after.ClosedBy ?? DBNull.Value);
            p.AddWithValue(NpgsqlDbType.TimestampTz, (object?)after.OverdueAt ?? DBNull.Value);
            await update.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return (before, after);
    }

    /// <summary>Marks open measures past due as overdue, once each, and returns them: one silo gets each one.</summary>
    public async Task<IReadOnlyList<Measure>> ClaimOverdueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"""
            UPDATE bedcoord_measures SET overdue_at = $1
            WHERE status IN ('planned','engaged') AND overdue_at IS NULL AND due_at < $1
            RETURNING {Columns}
            """);
        cmd.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, now);
        return await ReadAllAsync(cmd, ct);
    }

    private static void Bind(NpgsqlParameterCollection p, Measure m)
    {
        p.AddWithValue(m.Id);
        p.AddWithValue(m.Scope.Name());
        p.AddWithValue(m.ScopeId);
        p.AddWithValue(m.Code);
        p.AddWithValue(m.Title);
        p.AddWithValue(m.Category);
        p.AddWithValue(m.Trigger);
        p.AddWithValue(m.Status);
        p.AddWithValue(NpgsqlDbType.Text, (object?)m.Owner ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.TimestampTz, (object?)m.DueAt ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.TimestampTz, m.OpenedAt);
        p.AddWithValue(m.OpenedBy);
        p.AddWithValue(NpgsqlDbType.TimestampTz, (object?)m.ClosedAt ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Text, (object?)m.ClosedBy ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.TimestampTz, (object?)m.OverdueAt ?? DBNull.Value);
    }

    private static async Task<List<Measure>> ReadAllAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<Measure>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            ScopeKinds.TryParse(r.GetString(1), out var kind);
            list.Add(new Measure(r.GetString(0), kind, r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7),
                r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9), r.GetFieldValue<DateTimeOffset>(10),
                r.GetString(11), r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12), r.IsDBNull(13) ? null : r.GetString(13),
                r.IsDBNull(14) ? null : r.GetFieldValue<DateTimeOffset>(14)));
        }
        return list;
    }
}
