using BedCoord.Domain.Summaries;

namespace BedCoord.Domain.Live;

/// <summary>
/// Gathers, between two announcements of a scope, the children that changed (the latest summary of each),
/// and numbers the announcements. A new collector (a new activation of the scope's grain) starts a new epoch,
/// so that whoever held the previous numbering reads the whole state again instead of missing changes.
/// </summary>
public sealed class ChangeCollector(string scope, long epoch)
{
    private readonly Dictionary<string, Summary> _children = new(StringComparer.Ordinal);

    public string Scope { get; } = scope;
    public long Epoch { get; } = epoch;

    /// <summary>The number of the last announcement; 0 before the first.</summary>
    public long Seq { get; private set; }

    public void ChildChanged(Summary child) => _children[child.Id] = child.Children is null ? child : child with { Children = null };

    /// <summary>The next announcement: the scope's current figures and the children changed since the previous one.</summary>
    public ScopeChange Take(Summary figures)
    {
        var change = new ScopeChange(Scope, Epoch, ++Seq, figures.Children is null ? figures : figures with { Children = null }, [.. _children.Values]);
        _children.Clear();
        return change;
    }

    /// <summary>A snapshot numbered like the announcements, for a reader starting now.</summary>
    public ScopeSnapshot Snapshot(Summary withChildren) => new(Scope, Epoch, Seq, withChildren);
}
