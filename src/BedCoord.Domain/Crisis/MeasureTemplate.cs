namespace BedCoord.Domain.Crisis;

/// <summary>One line of a checklist template: what to do, its category and when it falls due after opening.</summary>
public sealed record MeasureTemplate(string Code, string Title, string Category, int? DueAfterMinutes);

/// <summary>A scope's templates for one trigger.</summary>
public sealed record TriggerTemplates(string Trigger, IReadOnlyList<MeasureTemplate> Measures);

/// <summary>GET …/measure-templates: the scope's templates, and whether they are still the shipped default.</summary>
public sealed record TemplateSet(bool IsDefault, string Notice, IReadOnlyList<TriggerTemplates> Templates, DateTimeOffset? UpdatedAt, string? UpdatedBy);
