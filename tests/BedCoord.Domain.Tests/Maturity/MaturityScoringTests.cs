using BedCoord.Domain.Maturity;
using Xunit;

namespace BedCoord.Domain.Tests.Maturity;

/// <summary>The index's arithmetic on a small grid computed by hand in the comments.</summary>
public class MaturityScoringTests
{
    private static MaturityOption O(string id, double points) => new(id, id, points);

    // Theme A: Q1 (weight 2, max 4 → 8), Q2 (weight 1, max 4 → 4, "non concerné" allowed), Q3 qualitative (worth 5 if it counted).
    // Theme B: Q4 the BJML item (weight 1, max 4 → 4), Q5 (weight 1.5, max 4 → 6).
    internal static readonly MaturityGrid V1 = new("v1", "Grille de test", false, NotApplicableRule.Excluded,
        [new MaturityTheme("A", "Thème A"), new MaturityTheme("B", "Thème B")],
        [
            new MaturityQuestion("Q1", "A", "q1", 2, false, false, false, [O("a0", 0), O("a1", 1), O("a2", 2), O("a4", 4)]),
            new MaturityQuestion("Q2", "A", "q2", 1, false, true, false, [O("non", 0), O("oui", 4)]),
            new MaturityQuestion("Q3", "A", "q3", 1, true, false, false, [O("x", 0), O("y", 5)]),
            new MaturityQuestion("Q4", "B", "bjml", 1, false, false, true, [O("non-calculable", 0), O("hebdo", 2), O("quotidien", 4)]),
            new MaturityQuestion("Q5", "B", "q5", 1.5, false, false, false, [O("non", 0), O("oui", 4)]),
        ]);

    // Q1 = a2 → 2×2 = 4 of 8; Q2 = oui → 4 of 4; Q3 answered y (qualitative: nothing); Q4 = quotidien → 4 of 4; Q5 unanswered → 0 of 6.
    private static readonly Dictionary<string, string> Answers = new() { ["Q1"] = "a2", ["Q2"] = "oui", ["Q3"] = "y", ["Q4"] = "quotidien" };

    [Fact]
    public void Weighted_points_over_weighted_maximum_per_theme_and_overall()
    {
        var s = MaturityScoring.Score(V1, Answers, bjmlComputable: true);

        Assert.Equal(8 / 12.0 * 100, s.Themes[0].Percent!.Value, 1);   // A: (4 + 4) / (8 + 4) = 66.7 %
        Assert.Equal(40.0, s.Themes[1].Percent);                          // B: (4 + 0) / (4 + 6) = 40 %
        Assert.Equal(54.5, s.Percent);                                    // (8 + 4) / (12 + 10) = 12 / 22 = 54.5 %
        Assert.Equal((12.0, 22.0), (s.Points, s.MaxPoints));
        Assert.Equal((4, 4, 1), (s.Scored, s.Answered, s.Missing));       // Q3 is answered but not scored; Q5 is missing
    }

    [Fact]
    public void Qualitative_questions_never_count()
    {
        var other = new Dictionary<string, string>(Answers) { ["Q3"] = "x" };
        var without = new Dictionary<string, string>(Answers);
        without.Remove("Q3");
        Assert.Equal(54.5, MaturityScoring.Score(V1, other, true).Percent);
        Assert.Equal(54.5, MaturityScoring.Score(V1, without, true).Percent);
    }

    [Fact]
    public void A_missing_answer_scores_zero_and_keeps_its_maximum()
    {
        var answered = new Dictionary<string, string>(Answers) { ["Q5"] = "oui" };
        Assert.Equal(81.8, MaturityScoring.Score(V1, answered, true).Percent); // (12 + 6) / 22
        var none = MaturityScoring.Score(V1, new Dictionary<string, string>(), null);
        Assert.Equal((0.0, 22.0, 4), (none.Percent!.Value, none.MaxPoints, none.Missing));
    }

    [Fact]
    public void An_uncomputable_BJML_scores_zero_on_its_item_without_renormalisation()
    {
        var s = MaturityScoring.Score(V1, Answers, bjmlComputable: false);

        Assert.Equal(0.0, s.Themes[1].Percent);   // B: (0 + 0) / (4 + 6)
        Assert.Equal(36.4, s.Percent);            // 8 / 22: the item's 4 points stay in the maximum
        Assert.True(s.BjmlZeroed);
        Assert.Equal(54.5, MaturityScoring.Score(V1, Answers, bjmlComputable: null).Percent); // unknown: the answer counts
    }

    [Fact]
    public void Non_concerne_leaves_both_sums_where_allowed_or_scores_zero_under_the_zero_rule()
    {
        var nc = new Dictionary<string, string>(Answers) { ["Q2"] = MaturityGrid.NotConcerned };

        var excluded = MaturityScoring.Score(V1, nc, true);
        Assert.Equal(50.0, excluded.Themes[0].Percent);   // A: 4 / 8
        Assert.Equal(44.4, excluded.Percent);             // 8 / 18
        Assert.Equal(1, excluded.NotConcerned);

        var zero = MaturityScoring.Score(V1 with { NotApplicable = NotApplicableRule.Zero }, nc, true);
        Assert.Equal(36.4, zero.Percent);                 // 8 / 22
    }

    [Fact]
    public void A_new_grid_version_keeps_the_answers_that_still_fit_and_scores_on_its_own_maximum()
    {
        // v2 drops Q2, changes Q1's options (a2 no longer exists, a4 does) and adds Q6 (weight 1, max 4) in theme B.
        var v2 = V1 with
        {
            Version = "v2",
            Questions =
            [
                V1.Questions[0] with { Options = [O("a0", 0), O("a3", 3), O("a4", 4)] },
                V1.Questions[2], V1.Questions[3], V1.Questions[4],
                new MaturityQuestion("Q6", "B", "q6", 1, false, false, false, [O("non", 0), O("oui", 4)]),
            ],
        };
        var carried = MaturityScoring.CarryOver(v2, Answers);
        Assert.Equal(["Q3", "Q4"], carried.Keys.Order());

        var s = MaturityScoring.Score(v2, carried, true);
        Assert.Equal("v2", s.GridVersion);
        Assert.Equal(0.0, s.Themes[0].Percent);          // A: Q1 unanswered, 0 / 8
        Assert.Equal(28.6, s.Themes[1].Percent);         // B: 4 / (4 + 6 + 4)
        Assert.Equal(18.2, s.Percent);                   // 4 / 22
        Assert.Equal(54.5, MaturityScoring.Score(V1, Answers, true).Percent); // the v1 submission keeps its own score
    }
}

public class MaturityDemoAnswersTests
{
    [Fact]
    public void Most_establishments_answer_over_two_years_the_same_way_at_every_run()
    {
        var now = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        var finesses = Enumerable.Range(0, 64).Select(i => $"3100{i:00000}").ToList();
        var a = MaturityDemoAnswers.For(MaturityScoringTests.V1, finesses, now);
        var b = MaturityDemoAnswers.For(MaturityScoringTests.V1, finesses, now);

        Assert.Equal(a.Select(s => (s.Establishment, s.SubmittedAt, s.Score.Percent)), b.Select(s => (s.Establishment, s.SubmittedAt, s.Score.Percent)));
        Assert.InRange(a.Select(s => s.Establishment).Distinct().Count(), 64 * 0.7, 64 * 0.95);
        Assert.All(a, s => Assert.InRange(s.SubmittedAt, now.AddDays(-730), now));
        Assert.Contains(a.GroupBy(s => s.Establishment), g => g.Count() >= 3);
        Assert.Contains(a.GroupBy(s => s.Establishment), g => g.Max(s => s.SubmittedAt) < now.AddDays(-365)); // some to chase
    }
}
