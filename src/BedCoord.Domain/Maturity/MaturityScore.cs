namespace BedCoord.Domain.Maturity;

/// <summary>
/// A scored set of answers: Σ weighted points ÷ Σ weighted maximum, overall and per theme, in % (one decimal).
/// Percent is null when nothing counted (a theme of qualitative questions only, or all "non concerné").
/// </summary>
public sealed record MaturityScore(
    string GridVersion,
    double Points,
    double MaxPoints,
    double? Percent,
    IReadOnlyList<ThemeScore> Themes,
    int Scored,
    int Answered,
    int Missing,
    int NotConcerned,
    bool BjmlZeroed);

public sealed record ThemeScore(string Theme, string Label, double Points, double MaxPoints, double? Percent);
