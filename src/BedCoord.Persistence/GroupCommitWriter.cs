using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BedCoord.Persistence;

/// <summary>
/// Appends rows to PostgreSQL with group commit: concurrent writers hand over their row and get a task
/// that completes once the batch holding it is committed; one statement per batch keeps the cost of many
/// small appends (audit records, alerts) off the callers' path.
/// </summary>
public abstract class GroupCommitWriter<T>(NpgsqlDataSource db, ILogger log) : BackgroundService
{
    private const int MaxBatch = 512;

    /// <summary>The data source rows are committed to; subclasses read from it too.</summary>
    protected NpgsqlDataSource DataSource { get; } = db;
    private readonly Channel<(T Row, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(T, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes once the row is committed.</summary>
    public Task AppendAsync(T row)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((row, done))) done.SetException(new InvalidOperationException("Writer is closed."));
        return done.Task;
    }

    protected abstract Task WriteBatchAsync(NpgsqlConnection connection, IReadOnlyList<T> rows);

    /// <summary>
    /// Writes a batch where each row may be refused on its own (a stale version, say): the row's entry is then
    /// the exception its caller gets, while the rest of the batch is acknowledged. By default nothing is refused.
    /// </summary>
    protected virtual async Task<IReadOnlyList<Exception?>?> WriteBatchCheckedAsync(NpgsqlConnection connection, IReadOnlyList<T> rows)
    {
        await WriteBatchAsync(connection, rows);
        return null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(T Row, TaskCompletionSource Done)>(MaxBatch);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var item)) batch.Add(item);
                await FlushAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Rows still queued at shutdown are written before the process goes; a row offered later fails at once
            // ("Writer is closed.") instead of waiting for ever.
            _queue.Writer.TryComplete();
            while (reader.TryRead(out var item)) batch.Add(item);
            if (batch.Count > 0) await FlushAsync(batch);
        }
    }

    private async Task FlushAsync(List<(T Row, TaskCompletionSource Done)> batch)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync();
            var refused = await WriteBatchCheckedAsync(connection, batch.Select(b => b.Row).ToList());
            StorageMetrics.RecordBatch(typeof(T).Name, batch.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started), ok: true);
            for (var i = 0; i < batch.Count; i++)
            {
                if (refused?[i] is { } why) batch[i].Done.TrySetException(why);
                else batch[i].Done.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            StorageMetrics.RecordBatch(typeof(T).Name, batch.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started), ok: false);
            log.LogError(ex, "Could not write {Count} {Rows}", batch.Count, typeof(T).Name);
            foreach (var (_, done) in batch) done.TrySetException(ex);
        }
        batch.Clear();
    }
}
