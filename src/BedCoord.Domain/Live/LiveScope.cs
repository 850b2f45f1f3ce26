using BedCoord.Domain.Summaries;

namespace BedCoord.Domain.Live;

/// <summary>
/// One scope's state as a relay or a board holds it: the last snapshot with every change applied in order.
/// Not thread-safe: its owner serialises calls per scope.
/// </summary>
public sealed class LiveScope(ScopeSnapshot snapshot)
{
    private Summary _figures = snapshot.Summary with { Children = null };
    private readonly List<Summary> _children = [.. snapshot.Summary.Children ?? []];
    private readonly Dictionary<string, int> _index = IndexOf(snapshot.Summary.Children ?? []);

    public string Scope { get; } = snapshot.Scope;
    public long Epoch { get; } = snapshot.Epoch;
    public long Seq { get; private set; } = snapshot.Seq;

    /// <summary>Applies <paramref name="change"/> when it is the next one; otherwise says why not and changes nothing.</summary>
    public SequenceStep Apply(ScopeChange change)
    {
        var step = LiveSequence.Classify(Epoch, Seq, change.Epoch, change.Seq);
        if (step != SequenceStep.Next) return step;
        _figures = change.Figures with { Children = null };
        foreach (var child in change.Children)
        {
            if (_index.TryGetValue(child.Id, out var at)) _children[at] = child;
            else { _index[child.Id] = _children.Count; _children.Add(child); }
        }
        Seq = change.Seq;
        return step;
    }

    public ScopeSnapshot Snapshot() => new(Scope, Epoch, Seq, _figures with { Children = [.. _children] });

    private static Dictionary<string, int> IndexOf(IReadOnlyList<Summary> children)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < children.Count; i++) index[children[i].Id] = i;
        return index;
    }
}
