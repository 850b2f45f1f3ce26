using BedCoord.Domain.BedBlockers;
using BedCoord.Domain.Beds;

namespace BedCoord.Domain.Report;

/// <summary>
/// An establishment's figures from <see cref="At"/> until its next sample: what the report reads from the grid
/// rebuilt from its inputs. Beds per group (MCO, SMR...), post-emergency available beds, emergency figures, computed level,
/// and the bed-blocker register's open lines when it keeps one (then <see cref="BedBlockers"/> is their count, as live).
/// </summary>
public sealed record ReportSample(
    DateTimeOffset At,
    IReadOnlyDictionary<string, BedFigures> Groups,
    int AvailablePostEd,
    int EdWaitingForBed,
    int BedBlockers,
    int ComputedLevel,
    IReadOnlyList<BedBlockerLine>? Register = null);

/// <summary>An establishment's samples in time order: a step function, the value at t being the last sample at or before t.</summary>
public sealed class Timeline
{
    private readonly ReportSample[] _samples;

    public Timeline(IEnumerable<ReportSample> samples) => _samples = samples.OrderBy(s => s.At).ToArray();

    public IReadOnlyList<ReportSample> Samples => _samples;

    public ReportSample? At(DateTimeOffset t)
    {
        int lo = 0, hi = _samples.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (_samples[mid].At <= t) { found = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return found < 0 ? null : _samples[found];
    }

    /// <summary>The stretches of [from, to) with a known value: (start, end, value), in order.</summary>
    public IEnumerable<(DateTimeOffset From, DateTimeOffset To, ReportSample Value)> Segments(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) yield break;
        var current = At(from);
        var start = from;
        foreach (var s in _samples)
        {
            if (s.At <= from) continue;
            if (s.At >= to) break;
            if (current is not null) yield return (start, s.At, current);
            current = s;
            start = s.At;
        }
        if (current is not null) yield return (start, to, current);
    }
}
