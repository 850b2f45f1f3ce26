namespace BedCoord.Domain.Maturity;

/// <summary>
/// Plausible, deterministic demo answers: about 85 % of the establishments given answer the grid, 1 to 4
/// times over the last two years, each version a little more mature than the one before; one in eight stops
/// updating after its first year (so the "not updated for over a year" list is not empty) and one in ten has a
/// BJML that cannot be computed (its BJML item scores 0). Same establishments and dates relative to now at every run.
/// </summary>
public static class MaturityDemoAnswers
{
    public const string Actor = "demo-seed";

    public static IReadOnlyList<MaturitySubmission> For(MaturityGrid grid, IEnumerable<string> finesses, DateTimeOffset now)
    {
        var list = new List<MaturitySubmission>();
        foreach (var finess in finesses)
        {
            var rng = new Random(StableHash(finess));
            if (rng.NextDouble() < 0.15) continue;                      // has not answered
            var maturity = 0.2 + rng.NextDouble() * 0.5;               // where the establishment starts: 20 % to 70 % of the way
            var bjmlComputable = rng.NextDouble() >= 0.1;
            var stopsUpdating = rng.NextDouble() < 0.125;
            // Dates from the latest back: a regular one answered in the last ten months, the others over a year ago;
            // earlier versions five to nine months apart, all within two years; office hours in Paris (07:00–16:00 UTC).
            var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
            var dates = new List<DateTimeOffset> { today.AddDays(-(stopsUpdating ? 380 + rng.Next(250) : 5 + rng.Next(300))) };
            for (var more = stopsUpdating ? rng.Next(2) : 1 + rng.Next(3); more > 0; more--)
            {
                var earlier = dates[0].AddDays(-(150 + rng.Next(120)));
                if (earlier < today.AddDays(-728)) break;
                dates.Insert(0, earlier);
            }
            var answers = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var v = 0; v < dates.Count; v++)
            {
                var at = dates[v].AddHours(7 + rng.Next(9)).AddMinutes(rng.Next(60));
                foreach (var q in grid.Questions)
                {
                    // A later version mostly keeps its answers and improves some; the first answers everything but a few.
                    if (v > 0 && answers.ContainsKey(q.Id) && rng.NextDouble() < 0.6) continue;
                    if (v == 0 && rng.NextDouble() < 0.04) continue;
                    answers[q.Id] = Pick(q, maturity, rng, bjmlComputable);
                }
                var score = MaturityScoring.Score(grid, answers, bjmlComputable);
                list.Add(new MaturitySubmission(0, finess, grid.Version, at, Actor, new Dictionary<string, string>(answers), score));
                maturity = Math.Min(0.95, maturity + 0.03 + rng.NextDouble() * 0.08);
            }
        }
        return list;
    }

    /// <summary>
    /// One module for one establishment in six with an ED, short enough that four weeks before its start and four
    /// weeks after its end both fall in the demo's twelve back-filled weeks, so the impact view has figures on both sides.
    /// </summary>
    public static IReadOnlyList<Accompaniment> Accompaniments(AccompanimentProgramme programme, IEnumerable<string> finesses, DateOnly today, DateTimeOffset now)
    {
        var list = new List<Accompaniment>();
        foreach (var finess in finesses)
        {
            var rng = new Random(StableHash(finess) ^ 0x5eed);
            if (rng.Next(6) != 0) continue;
            var module = programme.Modules[rng.Next(programme.Modules.Count)];
            var started = today.AddDays(-56 - rng.Next(3));
            var ended = started.AddDays(21);
            list.Add(new Accompaniment(0, finess, module.Id, started, ended, ended, today.AddDays(-7),
                "Accompagnement de démonstration", now, Actor));
        }
        return list;
    }

    private static string Pick(MaturityQuestion q, double maturity, Random rng, bool bjmlComputable)
    {
        if (q.Bjml && !bjmlComputable) return q.Options.OrderBy(o => o.Points).First().Id;
        if (q.NotApplicableAllowed && rng.NextDouble() < 0.05) return MaturityGrid.NotConcerned;
        var ordered = q.Qualitative ? q.Options.ToList() : q.Options.OrderBy(o => o.Points).ToList();
        var target = q.Qualitative ? rng.NextDouble() : maturity + (rng.NextDouble() - 0.5) * 0.5;
        return ordered[Math.Clamp((int)Math.Round(target * (ordered.Count - 1)), 0, ordered.Count - 1)].Id;
    }

    private static int StableHash(string s)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var c in s) h = (h ^ c) * 16777619;
            return h;
        }
    }
}
