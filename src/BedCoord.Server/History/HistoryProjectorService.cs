using BedCoord.Domain.History;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Startup;
using BedCoord.Grains.Territory;
using BedCoord.Grains.Tension;
using BedCoord.Persistence.History;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BedCoord.Server.History;

/// <summary>
/// Derives the per-scope series from the input log, off the request path. One silo of the cluster does it
/// at a time (a PostgreSQL advisory lock held on its own connection: when that silo dies, the lock goes with
/// its connection and another silo takes over). Rows are recomputed from inputs and overwritten, so a minute
/// processed twice, before and after a failover, is stored once with the same figures.
/// </summary>
public sealed class HistoryProjectorService(
    NpgsqlDataSource db, HistoryStore store, InputLog inputs, GridModelLoader loader,
    TerritoryCatalogHolder territory, IOptions<HistoryOptions> options, TimeProvider clock,
    ILogger<HistoryProjectorService> log) : BackgroundService
{
    private const long LockKey = 0x4265_6448_6973_7430; // "BedHist0"
    // Inputs committed late (a slow group commit) still land in a minute already written: the projector
    // keeps the ids it processed over this window and starts again from the earliest late one.
    private static readonly TimeSpan LateWindow = TimeSpan.FromMinutes(2);

    private NpgsqlConnection? _lock;
    private HistoryProjector? _projector;
    private long _catalogVersion;
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private DateTimeOffset _lastMaintenance = DateTimeOffset.MinValue;

    /// <summary>The end of the inputs already in the 1-minute tier (for the live point of history answers).</summary>
    public DateTimeOffset? ProcessedTo => _projector?.OpenMinute;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Behind (a restart, a back-fill): passes follow each other without waiting.
                if (await HoldLockAsync(stoppingToken) && await PassAsync(o, stoppingToken)) continue;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "History projection pass failed; it will start again from the stored cursor");
                _projector = null;
                await ReleaseAsync();
            }
            await Task.Delay(o.Interval, clock, stoppingToken).ContinueWith(_ => { });
        }
        await ReleaseAsync();
    }

    private async Task<bool> HoldLockAsync(CancellationToken ct)
    {
        if (_lock is { State: System.Data.ConnectionState.Open }) return true;
        await ReleaseAsync();
        var connection = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey})", connection);
        if ((bool)(await cmd.ExecuteScalarAsync(ct))!) { _lock = connection; _projector = null; return true; }
        await connection.DisposeAsync();
        return false;
    }

    private async Task ReleaseAsync()
    {
        if (_lock is null) return;
        try { await _lock.DisposeAsync(); } catch { /* the lock goes with the connection */ }
        _lock = null;
    }

    private async Task<bool> PassAsync(HistoryOptions o, CancellationToken ct)
    {
        if (!territory.IsLoaded) return false;
        var now = clock.GetUtcNow();
        var cursor = await store.CursorAsync(ct);
        if (_projector is null || territory.Current.Version != _catalogVersion || (cursor is { } c && c.ProcessedTo < _projector.OpenMinute))
        {
            // (Re)start from the stored cursor: after a restart, a failover, a rewind or a new territory.
            var start = cursor?.ProcessedTo ?? await inputs.FirstAsync(ct) ?? Step.Minute.Floor(now);
            _catalogVersion = territory.Current.Version;
            var loading = System.Diagnostics.Stopwatch.GetTimestamp();
            _projector = await loader.ProjectorAtAsync(Step.Minute.Floor(start), ct);
            _seen.Clear();
            log.LogInformation("History projection starts at {Start:O} (grid model loaded in {Seconds:F2} s)", _projector.OpenMinute,
                System.Diagnostics.Stopwatch.GetElapsedTime(loading).TotalSeconds);
            if (StartupTimeline.SecondsSinceProcessStart < 120) StartupTimeline.Mark(log, "history projector loaded the grid model");
        }

        var from = _projector.OpenMinute;
        var target = Step.Minute.Floor(now - o.Lag);
        if (target - from > o.MaxPass) target = from + o.MaxPass;
        if (target > from)
        {
            var events = await inputs.ReadAsync(from - LateWindow, target, ct);
            var late = events.Where(e => e.At < from && !_seen.ContainsKey(e.Id)).Select(e => e.At).DefaultIfEmpty().Min();
            if (late != default && _seen.Count > 0)
            {
                log.LogWarning("An input at {At:O} was committed after its minute was written; recomputing from there", late);
                await store.RewindAsync(late, ct);
                _projector = null;
                return true;
            }
            foreach (var e in events.Where(e => e.At >= from))
            {
                _projector.Process(e);
                _seen[e.Id] = e.At;
            }
            _projector.CloseUpTo(target);
            var rows = _projector.TakeClosed();
            if (!await store.WriteMinutesAsync(rows, from, target, ct)) { _projector = null; return true; }
            await store.RollUpAsync(from, target, ct);
            foreach (var (id, at) in _seen.Where(kv => kv.Value < target - LateWindow).ToList()) _seen.Remove(id);
            if (rows.Count > 0) log.LogDebug("History: {Rows} minute rows up to {Target:O}", rows.Count, target);
        }

        if (now - _lastMaintenance > TimeSpan.FromMinutes(10)) await MaintainAsync(o, now, ct);
        return target < Step.Minute.Floor(now - o.Lag);
    }

    // Partitions a week (1 min), two months (1 h) and a year (1 day) ahead; retention as configured. An
    // old partition is dropped only once the coarser tier has been rolled up past it.
    private async Task MaintainAsync(HistoryOptions o, DateTimeOffset now, CancellationToken ct)
    {
        _lastMaintenance = now;
        var p = store.Partitions;
        await p.EnsureAsync(Step.Minute, now, now.AddDays(7), ct);
        await p.EnsureAsync(Step.Hour, now, now.AddMonths(2), ct);
        await p.EnsureAsync(Step.Day, now, now.AddYears(1), ct);
        var rolled = (await store.CursorAsync(ct))?.RolledTo ?? DateTimeOffset.MinValue;
        var minuteCutoff = Min(now.AddDays(-o.MinuteRetentionDays), rolled);
        var hourCutoff = Min(now.AddMonths(-o.HourRetentionMonths), rolled);
        var dropped = (await p.DropBeforeAsync(Step.Minute, minuteCutoff, ct)).Concat(await p.DropBeforeAsync(Step.Hour, hourCutoff, ct)).ToList();
        if (dropped.Count > 0) log.LogInformation("History retention dropped {Partitions}", string.Join(", ", dropped));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
