using System.Text.Json;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace BedCoord.Server.Audit;

/// <summary>
/// Appends audit entries to PostgreSQL with group commit: concurrent writers wait for the batch that holds
/// their entry to be durable, and one COPY per batch keeps the cost of auditing off the write path.
/// </summary>
public sealed class AuditLog : BackgroundService
{
    private const int MaxBatch = 512;
    private readonly NpgsqlDataSource _db;
    private readonly ILogger<AuditLog> _log;
    private readonly Channel<(AuditEntry Entry, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(AuditEntry, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    public AuditLog(NpgsqlDataSource db, ILogger<AuditLog> log) { _db = db; _log = log; }

    /// <summary>Completes once the entry is committed.</summary>
    public Task RecordAsync(AuditEntry entry)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((entry, done))) done.SetException(new InvalidOperationException("Audit log is closed."));
        return done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(AuditEntry Entry, TaskCompletionSource Done)>(MaxBatch);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var item)) batch.Add(item);
                await WriteBatchAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Entries still queued at shutdown are written before the process goes.
            while (reader.TryRead(out var item)) batch.Add(item);
            if (batch.Count > 0) await WriteBatchAsync(batch);
        }
    }

    private async Task WriteBatchAsync(List<(AuditEntry Entry, TaskCompletionSource Done)> batch)
    {
        try
        {
            await using var connection = await _db.OpenConnectionAsync();
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY bedcoord_audit (at, actor, role, action, scope_kind, scope_id, before, after, request_id) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (e, _) in batch)
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
            foreach (var (_, done) in batch) done.TrySetResult();
        }
        catch (Exception ex)
        {
            _log.LogError(ex, "Could not write {Count} audit entries", batch.Count);
            foreach (var (_, done) in batch) done.TrySetException(ex);
        }
    }

    private static Task WriteJsonAsync(NpgsqlBinaryImporter copy, object? value) => value is null
        ? copy.WriteNullAsync()
        : copy.WriteAsync(JsonSerializer.Serialize(value, AuditJson.Options), NpgsqlDbType.Jsonb);
}

internal static class AuditJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
