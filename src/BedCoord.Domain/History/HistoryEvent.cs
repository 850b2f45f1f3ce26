using BedCoord.Domain.BedBlockers;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.History;

/// <summary>
/// One input of the grid as the append-only records keep it (the audit trail for figures, the alerts for
/// level changes). History and replay are derived from these alone, so they cannot disagree with the audit.
/// </summary>
public abstract record HistoryEvent(string Id, DateTimeOffset At);

/// <summary>A unit's accepted bed state (audit action <c>unit.beds</c>).</summary>
public sealed record UnitBedsEvent(string Id, DateTimeOffset At, string Finess, string UnitId, BedFigures Beds, string By)
    : HistoryEvent(Id, At);

/// <summary>An establishment's emergency figures (audit action <c>establishment.emergency</c>).</summary>
public sealed record EmergencyEvent(string Id, DateTimeOffset At, string Finess, EmergencyFigures Figures)
    : HistoryEvent(Id, At);

/// <summary>A change of a scope's effective level, with its computed and declared parts (an alert).</summary>
public sealed record LevelEvent(string Id, DateTimeOffset At, ScopeRef Scope, int Level, int ComputedLevel, int? DeclaredLevel, string Cause)
    : HistoryEvent(Id, At);

/// <summary>
/// A line entering (<see cref="Left"/> false) or leaving an establishment's bed-blocker register: the register's own
/// rows, which are never deleted (leaving stamps left_at), so the register at any past instant can be replayed.
/// </summary>
public sealed record BedBlockerLineEvent(string Id, DateTimeOffset At, string Finess, BedBlockerLine Line, bool Left)
    : HistoryEvent(Id, At);
