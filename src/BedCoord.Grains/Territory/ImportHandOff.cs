using System.Collections.Concurrent;
using BedCoord.Grains.Units;

namespace BedCoord.Grains.Territory;

/// <summary>
/// The unit states an import running on this silo has just stored or read, while it brings its establishments up
/// to date. An establishment of this silo that re-reads its units meanwhile (asked by the import, or activated by its
/// département's own re-read) takes them from here instead of querying its rows: at national scale those 3,000
/// queries and 60,000 parses were most of an import. A state here is a committed row as of the import; a newer one
/// reported by its unit wins by revision, as with any re-read. Establishments on other silos read their rows.
/// </summary>
public sealed class ImportHandOff
{
    private readonly ConcurrentDictionary<string, UnitState> _states = new(StringComparer.Ordinal);

    /// <summary>Offers the states (by unit key) until the returned handle is disposed.</summary>
    public IDisposable Offer(IReadOnlyDictionary<string, UnitState> states)
    {
        foreach (var (key, state) in states) _states[key] = state;
        return new Withdrawal(this, states);
    }

    /// <summary>The offered state of the unit, if an import on this silo holds one.</summary>
    public bool TryGet(string unitKey, out UnitState state) => _states.TryGetValue(unitKey, out state!);

    private sealed class Withdrawal(ImportHandOff owner, IReadOnlyDictionary<string, UnitState> states) : IDisposable
    {
        public void Dispose()
        {
            // Only this import's own entries: another import of the same units may have offered newer ones since.
            foreach (var entry in states) owner._states.TryRemove(entry);
        }
    }
}
