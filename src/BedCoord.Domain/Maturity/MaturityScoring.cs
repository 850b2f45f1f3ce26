namespace BedCoord.Domain.Maturity;

/// <summary>
/// The index's arithmetic, a pure function of a grid and one establishment's answers (maturity-notes.md §4.3).
/// A missing answer scores 0 and keeps its maximum: an establishment cannot raise its score by leaving out its
/// weak points. Qualitative questions never count. The BJML item scores 0, maximum kept, whenever the
/// establishment's BJML cannot be computed (the latest grid's rule: no "non concerné", no renormalisation).
/// </summary>
public static class MaturityScoring
{
    /// <param name="answers">Question id → option id (or <see cref="MaturityGrid.NotConcerned"/>); ids the grid does not know are ignored (validation refuses them before).</param>
    /// <param name="bjmlComputable">False when the establishment's BJML cannot be computed; null when unknown (the answer counts as given).</param>
    public static MaturityScore Score(MaturityGrid grid, IReadOnlyDictionary<string, string> answers, bool? bjmlComputable)
    {
        var perTheme = grid.Themes.ToDictionary(t => t.Id, _ => (Points: 0.0, Max: 0.0));
        int scored = 0, answered = 0, missing = 0, notConcerned = 0;
        var bjmlZeroed = false;
        foreach (var q in grid.Questions)
        {
            var given = answers.TryGetValue(q.Id, out var a) && !string.IsNullOrEmpty(a) ? a : null;
            if (given is not null) answered++;
            if (q.Qualitative) continue;
            scored++;
            double points;
            if (given is null)
            {
                missing++;
                points = 0;
            }
            else if (given == MaturityGrid.NotConcerned && q.NotApplicableAllowed)
            {
                notConcerned++;
                if (grid.NotApplicable == NotApplicableRule.Excluded) continue;
                points = 0;
            }
            else
            {
                points = q.Option(given)?.Points ?? 0;
            }
            if (q.Bjml && bjmlComputable == false)
            {
                bjmlZeroed = points > 0 || bjmlZeroed;
                points = 0;
            }
            var (p, m) = perTheme.GetValueOrDefault(q.Theme);
            perTheme[q.Theme] = (p + q.Weight * points, m + q.Weight * q.MaxPoints);
        }
        var themes = grid.Themes.Select(t => new ThemeScore(t.Id, t.Label, Round(perTheme[t.Id].Points), Round(perTheme[t.Id].Max),
            Percent(perTheme[t.Id].Points, perTheme[t.Id].Max))).ToList();
        var total = perTheme.Values.Sum(v => v.Points);
        var max = perTheme.Values.Sum(v => v.Max);
        return new MaturityScore(grid.Version, Round(total), Round(max), Percent(total, max), themes, scored, answered, missing, notConcerned, bjmlZeroed);
    }

    private static double? Percent(double points, double max) => max > 0 ? Math.Round(100 * points / max, 1) : null;
    private static double Round(double v) => Math.Round(v, 3);

    /// <summary>
    /// The answers of an earlier grid version that still fit <paramref name="grid"/> (same question id, an option it
    /// still has): the form starts from them after a new version is imported, and the rest is asked again.
    /// </summary>
    public static Dictionary<string, string> CarryOver(MaturityGrid grid, IReadOnlyDictionary<string, string> previous)
    {
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, answer) in previous)
        {
            if (grid.Question(id) is not { } q) continue;
            if (answer == MaturityGrid.NotConcerned ? q.NotApplicableAllowed : q.Option(answer) is not null) kept[id] = answer;
        }
        return kept;
    }
}
