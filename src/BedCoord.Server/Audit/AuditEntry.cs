namespace BedCoord.Server.Audit;

/// <summary>One write as the audit trail keeps it: who, role, what scope, before and after, when, request id.</summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    string Actor,
    string Role,
    string Action,
    string ScopeKind,
    string ScopeId,
    object? Before,
    object? After,
    string? RequestId);
