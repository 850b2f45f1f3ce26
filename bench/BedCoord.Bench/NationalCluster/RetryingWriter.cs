using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace BedCoord.Bench;

/// <summary>
/// Bed managers at a steady offered rate, spread evenly over the regions (a region's units in turn). A write that
/// meets a connection error, a timeout or a 5xx is sent again, same figures, to the next silo that is up, until
/// answered 200 or <see cref="RetryBudget"/> has passed: then it counts as failed after retries. A unit never has
/// two writes under way, so its last 200 is the state it must hold.
/// </summary>
public sealed class RetryingWriter(SiloSet silos, RegionLedger ledger, IReadOnlyList<IReadOnlyList<WrittenUnit>> byRegion)
{
    public static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(60);

    private readonly int[] _cursor = new int[byRegion.Count];
    private readonly ConcurrentBag<Task> _writes = new();
    private readonly ConcurrentDictionary<string, int> _retryCauses = new();
    private readonly ConcurrentDictionary<string, int> _refused = new();
    private int _acked, _failed, _retried, _skipped, _attempts;
    private Samples _latency = new();

    public int Acked => Volatile.Read(ref _acked);
    public int Failed => Volatile.Read(ref _failed);
    public int Retried => Volatile.Read(ref _retried);
    public int Attempts => Volatile.Read(ref _attempts);
    public int Skipped => Volatile.Read(ref _skipped);
    public int Refused => _refused.Values.Sum();
    public string RetryCauses => _retryCauses.IsEmpty ? "none" : string.Join(", ", _retryCauses.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key}×{kv.Value}"));
    public string RefusedKinds => _refused.IsEmpty ? "none" : string.Join(", ", _refused.Select(kv => $"{kv.Key}×{kv.Value}"));

    /// <summary>The latency samples (first send to 200, retries included) since the last call.</summary>
    public Samples TakeLatency() => Interlocked.Exchange(ref _latency, new Samples());

    /// <summary>Offers <paramref name="rate"/> writes a second until cancelled, then waits for those under way.</summary>
    public async Task RunAsync(double rate, CancellationToken stop)
    {
        await OpenLoop.RunAsync(rate, TimeSpan.FromHours(2), Fire, stop);
        await Task.WhenAll(_writes);
    }

    private void Fire(long i)
    {
        var region = (int)(i % byRegion.Count);
        var units = byRegion[region];
        var unit = units[Interlocked.Increment(ref _cursor[region]) % units.Count];
        if (Interlocked.Exchange(ref unit.Busy, 1) == 1) { Interlocked.Increment(ref _skipped); return; }
        _writes.Add(Task.Run(() => WriteAsync(unit, i)));
    }

    private async Task WriteAsync(WrittenUnit unit, long n)
    {
        var figures = BedInputs.Random(Random.Shared, unit.Baseline.Installed, ++unit.Mark);
        var body = figures.Json();
        ledger.Begin(unit);
        var t0 = Stopwatch.GetTimestamp();
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                Interlocked.Increment(ref _attempts);
                var cause = await SendAsync(unit, body, n + attempt);
                if (cause is null)
                {
                    ledger.Acknowledged(unit, figures);
                    Interlocked.Increment(ref _acked);
                    if (attempt > 0) Interlocked.Increment(ref _retried);
                    Volatile.Read(ref _latency).AddTicks(Stopwatch.GetTimestamp() - t0);
                    return;
                }
                if (cause.StartsWith("refused "))
                {
                    // A 4xx is the bench's own mistake, not the cluster's: never retried, reported apart.
                    _refused.AddOrUpdate(cause, 1, (_, c) => c + 1);
                    ledger.Failed(unit, figures);
                    return;
                }
                _retryCauses.AddOrUpdate(cause, 1, (_, c) => c + 1);
                if (Stopwatch.GetElapsedTime(t0) > RetryBudget)
                {
                    Interlocked.Increment(ref _failed);
                    ledger.Failed(unit, figures);
                    return;
                }
                await Task.Delay(Math.Min(100 * (attempt + 1), 1000));
            }
        }
        finally { Volatile.Write(ref unit.Busy, 0); }
    }

    /// <summary>Null when answered 200; else why not.</summary>
    private async Task<string?> SendAsync(WrittenUnit unit, string body, long n)
    {
        var client = silos.Client(n);
        if (client is null) return "no silo up";
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, unit.BedsPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            return status == 200 ? null : status is >= 400 and < 500 and not 408 and not 429 ? $"refused {status}" : status.ToString();
        }
        catch (HttpRequestException e) { return e.HttpRequestError.ToString(); }
        catch (TaskCanceledException) { return "timeout"; }
        catch (ObjectDisposedException) { return "client disposed"; }
    }
}
