using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;

namespace BedCoord.Grains.Scopes;

/// <summary>What an aggregate persists: the latest summary of each direct child, plus its own inputs.</summary>
public sealed class AggregateState
{
    public Dictionary<string, Summary> Children { get; set; } = new(StringComparer.Ordinal);
    public long Revision { get; set; }

    /// <summary>Establishments only: emergency figures are entered on the establishment itself.</summary>
    public EmergencyFigures? Emergency { get; set; }

    /// <summary>Establishments only: who to call about beds.</summary>
    public Contact? Contact { get; set; }
}
