using BedCoord.Domain.Tension;

namespace BedCoord.Domain.Report;

/// <summary>
/// A declared level (plan blanc, PMI...) on a scope, from its declaration to its lift or expiry; End is null
/// while it holds with no expiry. EndReason: the lift's reason, "expiration" or "remplacée".
/// </summary>
public sealed record DeclarationSpan(string ScopeKind, string ScopeId, int Level, string Reason, string By,
    DateTimeOffset Start, DateTimeOffset? End, string? EndReason)
{
    public const string Expired = "expiration";
    public const string Replaced = "remplacée";

    public string LevelLabel => TensionLevel.Label(Level);

    public bool Overlaps(DateTimeOffset from, DateTimeOffset to) => Start < to && (End is null || End > from);

    /// <summary>
    /// Pairs the audited declare and lift records (any order). A declaration ends at its lift, at its expiry,
    /// or when a new declaration on the same scope replaces it, whichever comes first.
    /// </summary>
    public static IReadOnlyList<DeclarationSpan> Pair(IEnumerable<DeclarationRecord> records)
    {
        var spans = new List<DeclarationSpan>();
        var open = new Dictionary<(string, string), (int Index, DateTimeOffset? ExpiresAt)>();
        foreach (var r in records.OrderBy(r => r.At))
        {
            var key = (r.ScopeKind, r.ScopeId);
            if (open.Remove(key, out var o))
            {
                spans[o.Index] = o.ExpiresAt is { } e && e <= r.At
                    ? spans[o.Index] with { End = e, EndReason = Expired }
                    : spans[o.Index] with { End = r.At, EndReason = r.Declaration is null ? r.Reason : Replaced };
            }
            if (r.Declaration is not { } d) continue;
            open[key] = (spans.Count, d.ExpiresAt);
            spans.Add(new DeclarationSpan(r.ScopeKind, r.ScopeId, d.Level, d.Reason, d.By, d.At, null, null));
        }
        // Still open: ends at its expiry when it has one (possibly still ahead).
        foreach (var (index, expiresAt) in open.Values)
            if (expiresAt is { } e) spans[index] = spans[index] with { End = e, EndReason = Expired };
        return spans;
    }
}

/// <summary>One audited <c>declaration.declare</c> (Declaration set) or <c>declaration.lift</c> (Reason set).</summary>
public sealed record DeclarationRecord(DateTimeOffset At, string ScopeKind, string ScopeId, Declaration? Declaration, string? Reason);
