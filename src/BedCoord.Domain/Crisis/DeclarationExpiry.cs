using BedCoord.Domain.Report;

namespace BedCoord.Domain.Crisis;

/// <summary>
/// A declaration that reached its expiry closes its checklist as a lift would (issue 10 item 3). The grain drops an
/// expired declaration on its own; the cell learns of it from the audited declarations: the scope's latest one ended
/// by expiry, and nothing was declared since.
/// </summary>
public static class DeclarationExpiry
{
    /// <summary>The scope's latest declaration when it has expired by <paramref name="now"/>; null while one is in force or after a lift.</summary>
    public static DeclarationSpan? Expired(IEnumerable<DeclarationSpan> spansOfScope, DateTimeOffset now)
    {
        var last = spansOfScope.OrderBy(s => s.Start).LastOrDefault();
        return last is { EndReason: DeclarationSpan.Expired, End: { } end } && end <= now ? last : null;
    }
}
