using BedCoord.Domain.BedBlockers;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Bjml;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Tension;

namespace BedCoord.Grains.Scopes;

/// <summary>What an aggregate persists: the latest summary of each direct child, its own inputs and its level.</summary>
public sealed class AggregateState
{
    public Dictionary<string, Summary> Children { get; set; } = new(StringComparer.Ordinal);
    public long Revision { get; set; }

    /// <summary>The effective level last seen, to know when an alert is due; null before the first evaluation.</summary>
    public int? Level { get; set; }

    /// <summary>Each rule's level last time, so that stepping down honours the hysteresis across restarts.</summary>
    public Dictionary<string, int> RuleLevels { get; set; } = new(StringComparer.Ordinal);

    public Declaration? Declaration { get; set; }

    /// <summary>Establishments only: emergency figures are entered on the establishment itself.</summary>
    public EmergencyFigures? Emergency { get; set; }

    /// <summary>Establishments only: who to call about beds.</summary>
    public Contact? Contact { get; set; }

    /// <summary>Establishments only: every contact with the hours each covers; when set, it supersedes <see cref="Contact"/>.</summary>
    public List<Contact>? Contacts { get; set; }

    /// <summary>Establishments only: the open lines of the bed-blocker register (anonymous), and its revision.</summary>
    public List<BedBlockerLine>? Register { get; set; }
    public long RegisterRevision { get; set; }

    /// <summary>Establishments only: the BJML of the week it was computed for.</summary>
    public BjmlResult? Bjml { get; set; }
}
