using BedCoord.Domain.Territory;
using BedCoord.Domain.Webhooks;
using Npgsql;
using NpgsqlTypes;

namespace BedCoord.Persistence.Webhooks;

/// <summary>Webhook subscriptions and their append-only delivery log (Sql/11-Webhooks.sql).</summary>
public sealed class WebhookStore(NpgsqlDataSource db)
{
    private const string Columns = "id, url, scope_kind, scope_id, format, interval_seconds, secret, created_by, created_at, deleted_at";

    public async Task AddAsync(WebhookSubscription s, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO bedcoord_webhooks (id, url, scope_kind, scope_id, format, interval_seconds, secret, created_by, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """);
        cmd.Parameters.AddWithValue(s.Id);
        cmd.Parameters.AddWithValue(s.Url.AbsoluteUri);
        cmd.Parameters.AddWithValue(s.Scope.Kind.Name());
        cmd.Parameters.AddWithValue(s.Scope.Id);
        cmd.Parameters.AddWithValue(s.Format);
        cmd.Parameters.AddWithValue(s.IntervalSeconds);
        cmd.Parameters.AddWithValue(s.Secret);
        cmd.Parameters.AddWithValue(s.CreatedBy);
        cmd.Parameters.AddWithValue(s.CreatedAt);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The subscription, deleted ones included (the grain must learn it was deleted); null when unknown.</summary>
    public async Task<WebhookSubscription?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM bedcoord_webhooks WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Subscriptions not deleted, oldest first.</summary>
    public async Task<IReadOnlyList<WebhookSubscription>> ListActiveAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM bedcoord_webhooks WHERE deleted_at IS NULL ORDER BY created_at, id");
        var list = new List<WebhookSubscription>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) list.Add(Read(reader));
        return list;
    }

    /// <summary>Marks a subscription deleted; false when it is unknown or already deleted.</summary>
    public async Task<bool> DeleteAsync(Guid id, DateTimeOffset at, string by, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("UPDATE bedcoord_webhooks SET deleted_at = $2, deleted_by = $3 WHERE id = $1 AND deleted_at IS NULL");
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(at);
        cmd.Parameters.AddWithValue(by);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<long> AppendAttemptAsync(WebhookAttempt a, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO bedcoord_webhook_deliveries
                (subscription_id, delivery_id, attempt, at, status_code, duration_ms, error, outcome, next_attempt_at, state_hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING seq
            """);
        cmd.Parameters.AddWithValue(a.SubscriptionId);
        cmd.Parameters.AddWithValue(a.DeliveryId);
        cmd.Parameters.AddWithValue(a.Attempt);
        cmd.Parameters.AddWithValue(a.At);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Integer, (object?)a.StatusCode ?? DBNull.Value);
        cmd.Parameters.AddWithValue(a.DurationMs);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Text, (object?)a.Error ?? DBNull.Value);
        cmd.Parameters.AddWithValue(a.Outcome);
        cmd.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)a.NextAttemptAt ?? DBNull.Value);
        cmd.Parameters.AddWithValue(a.StateHash);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Attempts of a subscription, newest first, those before <paramref name="beforeSeq"/> when given.</summary>
    public async Task<IReadOnlyList<WebhookAttempt>> ListAttemptsAsync(Guid subscription, long? beforeSeq, int limit, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT seq, subscription_id, delivery_id, attempt, at, status_code, duration_ms, error, outcome, next_attempt_at, state_hash
            FROM bedcoord_webhook_deliveries
            WHERE subscription_id = $1 AND ($2::bigint IS NULL OR seq < $2)
            ORDER BY seq DESC LIMIT $3
            """);
        cmd.Parameters.AddWithValue(subscription);
        cmd.Parameters.AddWithValue(NpgsqlDbType.Bigint, (object?)beforeSeq ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit);
        var list = new List<WebhookAttempt>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            list.Add(new WebhookAttempt(reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt32(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9), reader.GetString(10)));
        return list;
    }

    /// <summary>
    /// When the last delivery started (its first attempt) and the state the last successful one carried: what a
    /// subscription's grain needs to keep the interval and to know, after a restart, whether the scope changed since.
    /// </summary>
    public async Task<(DateTimeOffset? LastStart, string? DeliveredHash)> LastAsync(Guid subscription, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT (SELECT at FROM bedcoord_webhook_deliveries WHERE subscription_id = $1 AND attempt = 1 ORDER BY seq DESC LIMIT 1),
                   (SELECT state_hash FROM bedcoord_webhook_deliveries WHERE subscription_id = $1 AND outcome = 'delivered' ORDER BY seq DESC LIMIT 1)
            """);
        cmd.Parameters.AddWithValue(subscription);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    private static WebhookSubscription Read(NpgsqlDataReader r)
    {
        ScopeKinds.TryParse(r.GetString(2), out var kind);
        return new WebhookSubscription(r.GetGuid(0), new Uri(r.GetString(1)), new ScopeRef(kind, r.GetString(3)), r.GetString(4), r.GetInt32(5),
            r.GetString(6), r.GetString(7), r.GetFieldValue<DateTimeOffset>(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9));
    }
}
