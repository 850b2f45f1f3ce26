using BedCoord.Domain.Crisis;
using Npgsql;
using NpgsqlTypes;

namespace BedCoord.Persistence.Crisis;

/// <summary>Reinforcement and transfer requests, listed by the subtree they come from.</summary>
public sealed class RequestStore(NpgsqlDataSource db)
{
    private const string Columns = "id, establishment_id, department_code, kind, urgency, text, count, category, status, opened_at, opened_by, taken_at, taken_by, closed_at, closed_by, answer";

    public async Task InsertAsync(ReinforcementRequest r, string path, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"INSERT INTO bedcoord_requests ({Columns}, path) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)");
        var p = cmd.Parameters;
        p.AddWithValue(r.Id);
        p.AddWithValue(r.EstablishmentId);
        p.AddWithValue(r.DepartmentCode);
        p.AddWithValue(r.Kind);
        p.AddWithValue(r.Urgency);
        p.AddWithValue(r.Text);
        p.AddWithValue(NpgsqlDbType.Integer, (object?)r.Count ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Text, (object?)r.Category ?? DBNull.Value);
        p.AddWithValue(r.Status);
        p.AddWithValue(NpgsqlDbType.TimestampTz, r.OpenedAt);
        p.AddWithValue(r.OpenedBy);
        BindProgress(p, r);
        p.AddWithValue(path);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Requests from the scope at <paramref name="path"/> and below, newest first; open ones only when asked.</summary>
    public async Task<IReadOnlyList<ReinforcementRequest>> ListAsync(string path, bool openOnly, int limit, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM bedcoord_requests
            WHERE (path = $1 OR path LIKE $1 || '/%') AND (NOT $2 OR status IN ('open','taken'))
            ORDER BY opened_at DESC, id LIMIT $3
            """);
        cmd.Parameters.AddWithValue(path);
        cmd.Parameters.AddWithValue(openOnly);
        cmd.Parameters.AddWithValue(limit);
        return await ReadAllAsync(cmd, ct);
    }

    /// <summary>Moves a request under a row lock; the change returning null (refused) changes nothing.</summary>
    public async Task<(ReinforcementRequest Before, ReinforcementRequest? After)?> UpdateAsync(string id, Func<ReinforcementRequest, ReinforcementRequest?> change, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        ReinforcementRequest before;
        await using (var select = new NpgsqlCommand($"SELECT {Columns} FROM bedcoord_requests WHERE id = $1 FOR UPDATE", connection, tx))
        {
            select.Parameters.AddWithValue(id);
            var found = await ReadAllAsync(select, ct);
            if (found.Count == 0) return null;
            before = found[0];
        }
        var after = change(before);
        if (after is null) return (before, null);
        await using (var update = new NpgsqlCommand("UPDATE bedcoord_requests SET status = $2, taken_at = $3, taken_by = $4, closed_at = $5, closed_by = $6, answer = $7 WHERE id = $1", connection, tx))
        {
            update.Parameters.AddWithValue(id);
            update.Parameters.AddWithValue(after.Status);
            BindProgress(update.Parameters, after);
            await update.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return (before, after);
    }

    private static void BindProgress(NpgsqlParameterCollection p, ReinforcementRequest r)
    {
        p.AddWithValue(NpgsqlDbType.TimestampTz, (object?)r.TakenAt ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Text, (object?)r.TakenBy ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.TimestampTz, (object?)r.ClosedAt ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Text, (object?)r.ClosedBy ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Text, (object?)r.Answer ?? DBNull.Value);
    }

    private static async Task<List<ReinforcementRequest>> ReadAllAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<ReinforcementRequest>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new ReinforcementRequest(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                r.IsDBNull(6) ? null : r.GetInt32(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8), r.GetFieldValue<DateTimeOffset>(9),
                r.GetString(10), r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11), r.IsDBNull(12) ? null : r.GetString(12),
                r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13), r.IsDBNull(14) ? null : r.GetString(14), r.IsDBNull(15) ? null : r.GetString(15)));
        return list;
    }
}
