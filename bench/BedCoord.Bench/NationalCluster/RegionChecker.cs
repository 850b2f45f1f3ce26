using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace BedCoord.Bench;

public enum Verdict { Correct, Wrong, NoAnswer }

/// <summary>
/// Reads every region's summary (GET /api/regions/{id}) through the silos that are up, about twice a second, and
/// judges it against <see cref="RegionLedger"/>: correct, wrong (answered, but not the sums of the acknowledged
/// writes), or no answer (error, 5xx, 5 s timeout). A region is read only in a moment when no write to it is
/// under way, so each verdict is exact; a region busy for ten tries in a row is skipped for that pass.
/// </summary>
public sealed class RegionChecker(SiloSet silos, RegionLedger ledger)
{
    private readonly ConcurrentDictionary<string, List<(long At, Verdict Verdict)>> _log = new();
    private readonly ConcurrentDictionary<string, string> _lastWrong = new();

    public async Task RunAsync(CancellationToken stop)
    {
        long n = 0;
        while (!stop.IsCancellationRequested)
        {
            var pass = Task.Delay(500);
            await Task.WhenAll(ledger.Regions.Select(region => CheckAsync(region, n++)));
            await pass;
        }
    }

    private async Task CheckAsync(string region, long n)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (ledger.Checkable(region) is not { } expected) { await Task.Delay(20); continue; }
            var client = silos.Client(n + attempt);
            if (client is null) { Record(region, Verdict.NoAnswer); return; }
            BedInputs held;
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await client.GetAsync($"/api/regions/{region}", timeout.Token);
                if (!response.IsSuccessStatusCode) { Record(region, Verdict.NoAnswer); return; }
                using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(timeout.Token));
                held = BedInputs.Of(doc.RootElement.GetProperty("beds"));
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or ObjectDisposedException)
            {
                Record(region, Verdict.NoAnswer);
                return;
            }
            // A write started or ended meanwhile: the answer cannot be judged, read again.
            if (!ledger.Unchanged(region, expected.Version)) continue;
            if (held == expected.Expected) Record(region, Verdict.Correct);
            else
            {
                Record(region, Verdict.Wrong);
                _lastWrong[region] = $"{region} showed {held}, expected {expected.Expected}";
            }
            return;
        }
    }

    private void Record(string region, Verdict verdict)
    {
        var list = _log.GetOrAdd(region, _ => new List<(long, Verdict)>());
        lock (list) list.Add((Stopwatch.GetTimestamp(), verdict));
    }

    /// <summary>
    /// Seconds after <paramref name="from"/> from which every region read correct at every read up to <paramref name="until"/>:
    /// per region, the first correct read after its last wrong or unanswered one. Null for a region never settled.
    /// </summary>
    public Dictionary<string, double?> SettledAfter(long from, long until)
    {
        var settled = new Dictionary<string, double?>();
        foreach (var region in ledger.Regions)
        {
            var reads = Reads(region, from, until);
            var lastBad = reads.FindLastIndex(r => r.Verdict != Verdict.Correct);
            var firstGood = reads.FindIndex(lastBad + 1, r => r.Verdict == Verdict.Correct);
            settled[region] = firstGood < 0 ? null : Stopwatch.GetElapsedTime(from, reads[firstGood].At).TotalSeconds;
        }
        return settled;
    }

    /// <summary>How many reads of each verdict between the two instants, all regions together.</summary>
    public Dictionary<Verdict, int> Count(long from, long until)
    {
        var counts = Enum.GetValues<Verdict>().ToDictionary(v => v, _ => 0);
        foreach (var region in ledger.Regions)
            foreach (var r in Reads(region, from, until)) counts[r.Verdict]++;
        return counts;
    }

    public string LastWrong => _lastWrong.IsEmpty ? "" : string.Join("; ", _lastWrong.Values.Take(3));

    private List<(long At, Verdict Verdict)> Reads(string region, long from, long until)
    {
        if (!_log.TryGetValue(region, out var list)) return [];
        lock (list) return list.Where(r => r.At >= from && r.At <= until).ToList();
    }

    /// <summary>"worst 4.2 s (IDF); all 18 settled" or which regions never did.</summary>
    public static string Describe(Dictionary<string, double?> settled)
    {
        var never = settled.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList();
        var worst = settled.Where(kv => kv.Value is not null).OrderByDescending(kv => kv.Value).FirstOrDefault();
        var median = settled.Values.OfType<double>().Order().ToList() is { Count: > 0 } s ? s[s.Count / 2] : double.NaN;
        return (worst.Key is null ? "no region settled" : $"worst {worst.Value:F1} s ({worst.Key}), median {median:F1} s")
               + (never.Count == 0 ? $"; all {settled.Count} settled" : $"; NEVER settled: {string.Join(", ", never)}");
    }
}
