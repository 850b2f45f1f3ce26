using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Crisis;

/// <summary>One measure of an opened checklist (api-v1 § Crisis cell), with who opened and closed it and when it fell overdue.</summary>
public sealed record Measure(
    string Id,
    ScopeKind Scope,
    string ScopeId,
    string Code,
    string Title,
    string Category,
    string Trigger,
    string Status,
    string? Owner,
    DateTimeOffset? DueAt,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    DateTimeOffset? OverdueAt)
{
    public bool IsOpen => MeasureStatus.IsOpen(Status);

    /// <summary>Open and past its due time.</summary>
    public bool IsOverdue(DateTimeOffset now) => IsOpen && DueAt is { } due && due < now;

    /// <summary>The checklist a trigger opens from its templates, every measure planned, due after its delay.</summary>
    public static IReadOnlyList<Measure> Open(ScopeRef scope, TriggerTemplates templates, DateTimeOffset now, string by, Func<string> newId) =>
        templates.Measures.Select(t => new Measure(newId(), scope.Kind, scope.Id, t.Code, t.Title, t.Category, templates.Trigger,
            MeasureStatus.Planned, null, t.DueAfterMinutes is { } m ? now.AddMinutes(m) : null, now, by, null, null, null)).ToList();
}
