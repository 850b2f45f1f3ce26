using BedCoord.Domain.Bjml;
using Xunit;

namespace BedCoord.Domain.Tests.Bjml;

public class BjmlCalculatorTests
{
    /// <summary>A Wednesday of ISO week 10 of 2026.</summary>
    private static readonly DateOnly Date = new(2026, 3, 4);

    /// <summary>Counts for every day of ISO week <paramref name="week"/> of the given years.</summary>
    private static Dictionary<DateOnly, int> Counts(int week, Func<DateOnly, int> count, params int[] years) =>
        years.SelectMany(y => new IsoWeek(y, week).Days()).ToDictionary(d => d, count);

    [Fact]
    public void Worked_example_of_domain_md()
    {
        var p = BjmlCalculator.Percentile25([15, 8, 12, 10]);
        Assert.Equal(9.5, p);
        Assert.Equal(10, (int)Math.Round(p, MidpointRounding.AwayFromZero));
    }

    [Theory]
    [InlineData(new[] { 7 }, 7.0)]
    [InlineData(new[] { 1, 2 }, 1.25)]
    [InlineData(new[] { 1, 2, 3, 4, 5 }, 2.0)]
    [InlineData(new[] { 3, 3, 3 }, 3.0)]
    public void Percentile_is_excel_percentile_inc(int[] samples, double expected) =>
        Assert.Equal(expected, BjmlCalculator.Percentile25(samples));

    [Fact]
    public void Uses_the_same_iso_week_of_the_three_previous_years()
    {
        // Day counts 1..21 over 2023, 2024, 2025; the current year and other weeks are ignored.
        var counts = Counts(10, d => 0, 2023, 2024, 2025);
        var i = 0;
        foreach (var day in counts.Keys.Order().ToArray()) counts[day] = ++i;
        foreach (var day in new IsoWeek(2026, 10).Days()) counts[day] = 1000;
        foreach (var day in new IsoWeek(2025, 11).Days()) counts[day] = 1000;
        foreach (var day in new IsoWeek(2022, 10).Days()) counts[day] = 1000;

        var result = BjmlCalculator.Compute(Date, counts);
        // n = 21, rank 1 + 0.25 × 20 = 6: the 6th smallest, 6.
        Assert.Equal(new BjmlResult(Date, 2026, 10, 6, 21, true, null), result);
    }

    [Fact]
    public void Holds_for_the_whole_week()
    {
        var counts = Counts(10, d => d.Day, 2023, 2024, 2025);
        var monday = BjmlCalculator.Compute(new DateOnly(2026, 3, 2), counts);
        var sunday = BjmlCalculator.Compute(new DateOnly(2026, 3, 8), counts);
        Assert.Equal(monday.Value, sunday.Value);
    }

    [Fact]
    public void Rounds_half_up()
    {
        // 14 samples, four 10s then ten 12s: h = 13 × 0.25 = 3.25, x[3] = 10, x[4] = 12 → 10.5 → 11.
        var days = new[] { 2024, 2025 }.SelectMany(y => new IsoWeek(y, 10).Days()).Order().ToArray();
        var counts = days.Select((d, i) => (d, i < 4 ? 10 : 12)).ToDictionary(x => x.d, x => x.Item2);
        var result = BjmlCalculator.Compute(Date, counts);
        Assert.Equal(14, result.Samples);
        Assert.Equal(11, result.Value);
    }

    [Fact]
    public void Thirteen_samples_are_not_enough_fourteen_are()
    {
        var counts = Counts(10, _ => 5, 2024, 2025);
        counts.Remove(counts.Keys.Max());
        var thirteen = BjmlCalculator.Compute(Date, counts);
        Assert.False(thirteen.Computable);
        Assert.Null(thirteen.Value);
        Assert.Equal(13, thirteen.Samples);
        Assert.Equal("Seulement 13 jour(s) d'admissions connus pour la semaine 10 des années 2025, 2024, 2023 ; il en faut au moins 14", thirteen.Reason);

        counts[new IsoWeek(2023, 10).Days()[0]] = 5;
        var fourteen = BjmlCalculator.Compute(Date, counts);
        Assert.True(fourteen.Computable);
        Assert.Equal((5, 14), (fourteen.Value!.Value, fourteen.Samples));
    }

    [Fact]
    public void Week_53_takes_no_days_from_years_without_it()
    {
        // 2027-01-01 is in ISO week 53 of 2026; 2025, 2024 and 2023 have 52 weeks.
        var date = new DateOnly(2027, 1, 1);
        var counts = Counts(52, _ => 9, 2023, 2024, 2025);
        foreach (var day in new IsoWeek(2026, 1).Days()) counts[day] = 9;
        var result = BjmlCalculator.Compute(date, counts);
        Assert.Equal((2026, 53, 0, false), (result.IsoYear, result.IsoWeek, result.Samples, result.Computable));
        Assert.EndsWith("(la semaine 53 n'existe pas en 2025, 2024, 2023)", result.Reason);
    }

    [Fact]
    public void Year_boundary_follows_the_iso_year_not_the_calendar_year()
    {
        // 2024-01-01 opens ISO week 1 of 2024. Week 1 of 2021 starts on 2021-01-04; the calendar days
        // 2021-01-01..03 belong to week 53 of 2020 and must not be taken.
        var date = new DateOnly(2024, 1, 1);
        var counts = Counts(1, _ => 4, 2021, 2022, 2023);
        for (var day = new DateOnly(2021, 1, 1); day.Day <= 3; day = day.AddDays(1)) counts[day] = 1000;
        var result = BjmlCalculator.Compute(date, counts);
        Assert.Equal((2024, 1, 21, 4), (result.IsoYear, result.IsoWeek, result.Samples, result.Value!.Value));
    }

    [Fact]
    public void Insufficient_rpu_quality_is_not_computable_and_says_why()
    {
        var counts = Counts(10, _ => 5, 2023, 2024, 2025);
        var result = BjmlCalculator.Compute(Date, counts, new RpuQuality(false, "Codage du mode de sortie incomplet"));
        Assert.Equal((false, (int?)null, 21), (result.Computable, result.Value, result.Samples));
        Assert.Equal("Qualité des RPU signalée insuffisante pour cet établissement : Codage du mode de sortie incomplet", result.Reason);
        Assert.True(BjmlCalculator.Compute(Date, counts, new RpuQuality(true, null)).Computable);
    }

    [Fact]
    public void Result_becomes_summary_figures()
    {
        var computable = new BjmlResult(Date, 2026, 10, 10, 21, true, null).ToFigures(availablePostEd: 5);
        Assert.Equal(0.5, computable.Coverage);
        var missing = new BjmlResult(Date, 2026, 10, null, 3, false, "Seulement 3 jours").ToFigures(5);
        Assert.Null(missing.Coverage);
        Assert.Equal("Seulement 3 jours", missing.Reason);
    }

    [Fact]
    public void Rpu_quality_input_is_validated()
    {
        var errors = new BedCoord.Domain.Beds.FieldErrors();
        Assert.Null(new RpuQualityInput(null, null).Validate(errors));
        Assert.True(errors.Has("sufficient"));
        errors = new BedCoord.Domain.Beds.FieldErrors();
        Assert.Null(new RpuQualityInput(false, new string('x', 501)).Validate(errors));
        Assert.True(errors.Has("note"));
        Assert.Equal(new RpuQuality(false, "RPU incomplets"), new RpuQualityInput(false, " RPU incomplets ").Validate(new BedCoord.Domain.Beds.FieldErrors()));
    }
}
