namespace BedCoord.Domain.Maturity;

/// <summary>An imported grid version, without its questions.</summary>
public sealed record MaturityGridInfo(string Version, string Title, bool Demonstration, DateTimeOffset ImportedAt, string ImportedBy, int Questions);

/// <summary>A submitted version of an establishment's answers, with the score computed when it was submitted.</summary>
public sealed record MaturitySubmission(
    long Id,
    string Establishment,
    string GridVersion,
    DateTimeOffset SubmittedAt,
    string SubmittedBy,
    IReadOnlyDictionary<string, string> Answers,
    MaturityScore Score);

/// <summary>The form's work in progress for an establishment (saved as the user goes; not a submitted version).</summary>
public sealed record MaturityDraft(
    string Establishment,
    string GridVersion,
    IReadOnlyDictionary<string, string> Answers,
    DateTimeOffset SavedAt,
    string SavedBy);
