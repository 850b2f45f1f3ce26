using BedCoord.Domain.Crisis;
using BedCoord.Domain.Territory;

namespace BedCoord.Server.Crisis;

/// <summary>A measure as the API shows it: with the name of its scope and whether it is overdue now.</summary>
public sealed record MeasureView(
    string Id, string Scope, string ScopeId, string ScopeName, string Code, string Title, string Category, string Trigger, string Status,
    string? Owner, DateTimeOffset? DueAt, DateTimeOffset OpenedAt, string OpenedBy, DateTimeOffset? ClosedAt, string? ClosedBy,
    bool Overdue, DateTimeOffset? OverdueAt)
{
    public static MeasureView Of(Measure m, string scopeName, DateTimeOffset now) => new(m.Id, m.Scope.Name(), m.ScopeId, scopeName,
        m.Code, m.Title, m.Category, m.Trigger, m.Status, m.Owner, m.DueAt, m.OpenedAt, m.OpenedBy, m.ClosedAt, m.ClosedBy, m.IsOverdue(now), m.OverdueAt);
}

/// <summary>PATCH …/measures/{id} body (each field optional; owner or dueAt null clears it).</summary>
public sealed record MeasurePatchBody(string? Status, string? Owner, DateTimeOffset? DueAt);

/// <summary>PUT …/measure-templates body.</summary>
public sealed record TemplatesBody(IReadOnlyList<TriggerTemplates> Templates);
