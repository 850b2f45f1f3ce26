namespace BedCoord.Persistence.UnitState;

/// <summary>A unit's stored state: its JSON and how many writes it has had (the etag the next write names).</summary>
public sealed record StoredUnitState(string UnitKey, long ETag, string Json);

/// <summary>One unit write: the state's JSON and the etag the writer read (0 when the unit had no row).</summary>
public sealed record UnitStateWrite(string UnitKey, long ReadETag, string Json);
