namespace BedCoord.Domain.Maturity;

/// <summary>
/// A version of the bed-management maturity questionnaire (issue 13). It is customer data imported by an admin
/// (the official grid belongs to ORU Occitanie / the national programme), never code; the repository ships a
/// demonstration grid flagged <see cref="Demonstration"/> so every screen can say so.
/// </summary>
public sealed record MaturityGrid(
    string Version,
    string Title,
    bool Demonstration,
    NotApplicableRule NotApplicable,
    IReadOnlyList<MaturityTheme> Themes,
    IReadOnlyList<MaturityQuestion> Questions)
{
    /// <summary>The answer meaning "non concerné", accepted only where a question allows it.</summary>
    public const string NotConcerned = "non-concerne";

    public MaturityQuestion? Question(string id) => Questions.FirstOrDefault(q => q.Id == id);
}

/// <summary>What a "non concerné" answer does to the score.</summary>
public enum NotApplicableRule
{
    /// <summary>The question leaves both sums (the score is computed over the questions that concern the establishment).</summary>
    Excluded,
    /// <summary>The question scores 0 and keeps its maximum (no renormalisation).</summary>
    Zero,
}

public sealed record MaturityTheme(string Id, string Label);

/// <param name="Weight">Multiplies the option's points and the question's maximum (over-weighted levers).</param>
/// <param name="Qualitative">Asked for information only: never in the score.</param>
/// <param name="Bjml">The BJML item: no "non concerné"; scores 0 when the establishment's BJML cannot be computed.</param>
public sealed record MaturityQuestion(
    string Id,
    string Theme,
    string Text,
    double Weight,
    bool Qualitative,
    bool NotApplicableAllowed,
    bool Bjml,
    IReadOnlyList<MaturityOption> Options)
{
    public MaturityOption? Option(string id) => Options.FirstOrDefault(o => o.Id == id);
    public double MaxPoints => Options.Count == 0 ? 0 : Options.Max(o => o.Points);
}

public sealed record MaturityOption(string Id, string Label, double Points);
