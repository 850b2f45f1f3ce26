using System.Collections.Concurrent;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Tension;

namespace BedCoord.Grains.Startup;

/// <summary>
/// Whether this silo may trust the sums its aggregates stored instead of re-reading every child when they activate.
/// After a clean shutdown of a single silo (every aggregate wrote its sums, no report was left pending, every scope
/// exact) the stored sums are exact, so the first activation of each scope in this process serves them as they
/// are: a restart no longer pays 3,000 establishments re-reading 60,000 units. After a crash, in a cluster, or on any
/// later activation in the same process, aggregates re-read their children as before.
/// This object also watches the run for what would make the next start unsafe to trust: an aggregate that could not
/// write or report at deactivation, a unit leaving with a report pending, a scope never reconciled after an unclean start.
/// </summary>
public sealed class CleanStart
{
    private readonly ConcurrentDictionary<ScopeRef, byte> _activatedOnce = new();
    private readonly ConcurrentDictionary<ScopeRef, byte> _exact = new();
    private int _active;
    private int _lost;

    /// <summary>Set once at startup: the previous shutdown of the grid was clean and this silo is alone.</summary>
    public bool StartedClean { get; private set; }

    public void Begin(bool previousShutdownClean) => StartedClean = previousShutdownClean;

    /// <summary>True for the first activation of a scope in this process when the previous shutdown was clean.</summary>
    public bool TrustStoredSums(ScopeRef scope) => _activatedOnce.TryAdd(scope, 0) && StartedClean;

    /// <summary>An aggregate is active; <paramref name="exact"/> when its stored sums were trusted.</summary>
    public void Activated(ScopeRef scope, bool exact)
    {
        Interlocked.Increment(ref _active);
        if (exact) _exact.TryAdd(scope, 0);
    }

    /// <summary>An aggregate re-read every child: its sums are exact again.</summary>
    public void Reconciled(ScopeRef scope) => _exact.TryAdd(scope, 0);

    /// <summary>An aggregate deactivated having written its state and reported its summary.</summary>
    public void Deactivated() => Interlocked.Decrement(ref _active);

    /// <summary>A write or a report was left undone at deactivation: the next start must re-read everything.</summary>
    public void Lost() => Interlocked.Increment(ref _lost);

    /// <summary>
    /// Whether every aggregate's stored state is exact once the silo has stopped, or why not. After an unclean start
    /// only the scopes reconciled since are known exact, so every aggregate of the territory must be among them.
    /// </summary>
    public string? WhyNotExact(TerritoryCatalog catalog)
    {
        if (Volatile.Read(ref _lost) is > 0 and var lost) return $"{lost} write(s) or report(s) left undone at deactivation";
        if (Volatile.Read(ref _active) is not 0 and var active) return $"{active} aggregate(s) did not deactivate";
        if (StartedClean) return null;
        var missing = catalog.Document.Regions
            .SelectMany(r => TensionClockGrain.Aggregates(catalog, new ScopeRef(ScopeKind.Region, r.Id)))
            .Count(s => !_exact.ContainsKey(s));
        return missing == 0 ? null : $"{missing} scope(s) not reconciled since the unclean start";
    }
}
