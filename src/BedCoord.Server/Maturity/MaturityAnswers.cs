using BedCoord.Domain.Maturity;

namespace BedCoord.Server.Maturity;

/// <summary>GET /api/establishments/{finess}/maturity: the grid in force, the latest submission, every submitted version and the draft.</summary>
public sealed record EstablishmentMaturity(
    string Finess,
    string Name,
    string DepartmentCode,
    bool EmergencyDepartment,
    MaturityGrid? Grid,
    MaturitySubmission? Latest,
    IReadOnlyList<SubmissionLine> History,
    MaturityDraft? Draft,
    IReadOnlyDictionary<string, string> FormAnswers,
    BjmlState Bjml);

/// <summary>A submitted version without its answers: who, when, which grid, and its scores.</summary>
public sealed record SubmissionLine(long Id, string GridVersion, DateTimeOffset SubmittedAt, string SubmittedBy, double? Percent,
    IReadOnlyList<ThemeScore> Themes, int Missing)
{
    public static SubmissionLine Of(MaturitySubmission s) =>
        new(s.Id, s.GridVersion, s.SubmittedAt, s.SubmittedBy, s.Score.Percent, s.Score.Themes, s.Score.Missing);
}

public sealed record BjmlState(bool Computable, string? Reason);

/// <summary>The body of PUT /api/establishments/{finess}/maturity (documented for OpenAPI; read field by field).</summary>
public sealed record MaturityAnswersInput(string GridVersion, IReadOnlyDictionary<string, string?> Answers, bool Submit)
{
    public static readonly string[] FieldNames = ["gridVersion", "answers", "submit"];
}

/// <summary>PUT answer when saving a draft (200).</summary>
public sealed record DraftSaved(MaturityDraft Draft);
