using BedCoord.Domain.Beds;
using BedCoord.Domain.Bjml;
using BedCoord.Domain.Demo;
using BedCoord.Domain.History;
using BedCoord.Domain.Summaries;
using Xunit;

namespace BedCoord.Domain.Tests.Demo;

public class DemoDataTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static IReadOnlyList<DemoAdmissionsSet> Sets() =>
        DemoAdmissions.For(Enumerable.Range(0, 64).Select(i => ($"3100{i:00000}", 20_000.0 + 1000 * i)), Today);

    [Fact]
    public void Most_demo_emergency_departments_get_a_computable_bjml_and_a_few_do_not_for_a_stated_reason()
    {
        var results = Sets().Select(s => BjmlCalculator.Compute(Today, s.Counts.ToDictionary(c => c.Date, c => c.Count), s.Quality)).ToList();

        var notComputable = results.Where(r => !r.Computable).ToList();
        Assert.Equal(6, notComputable.Count);
        Assert.Equal(3, notComputable.Count(r => r.Reason!.StartsWith("Seulement 7 jour(s)")));
        Assert.Equal(3, notComputable.Count(r => r.Reason!.Contains(DemoAdmissions.PoorRpuNote)));
        Assert.All(results.Where(r => r.Computable), r => Assert.Equal(21, r.Samples));
    }

    [Fact]
    public void Daily_admissions_are_plausible_three_years_deep_and_the_same_on_every_start()
    {
        var first = Sets()[0].Counts;
        Assert.Equal(first, Sets()[0].Counts);
        Assert.Equal(Today.AddDays(-1), first[^1].Date);
        Assert.True(first[0].Date <= Today.AddYears(-3).AddDays(-7));
        // 20,000 attendances a year, about one in six admitted: some ten a day, never absurd.
        var mean = first.Average(c => c.Count);
        Assert.InRange(mean, 6, 14);
        Assert.All(first, c => Assert.InRange(c.Count, 0, 40));
        // Winter admits more than summer.
        double Month(int m) => first.Where(c => c.Date.Month == m).Average(c => c.Count);
        Assert.True(Month(1) > Month(8), $"January {Month(1)}, August {Month(8)}");
    }

    [Fact]
    public void The_ed_queue_of_a_winter_day_peaks_at_the_morning_census_and_is_shortest_in_the_evening()
    {
        var profile = new EdProfile(UhcdBeds: 10, PostEdBeds: 250);
        var day = new DateOnly(2026, 12, 8);
        int Waiting(int hour) => Enumerable.Range(0, 200)
            .Sum(i => WinterEmergency.At(profile, Steps.ParisTime(day, new TimeOnly(hour, 0)), new Random(i)).EdWaitingForBed);

        Assert.True(Waiting(8) > Waiting(3), "the night fills the ED");
        Assert.True(Waiting(8) > Waiting(14));
        Assert.True(Waiting(14) > Waiting(18), "the afternoon's discharges empty it");
        var figures = WinterEmergency.At(profile, Steps.ParisTime(day, new TimeOnly(8, 0)), new Random(1));
        Assert.InRange(figures.EdWaitingForBed, 6, 14);   // 110 attendances a day
        Assert.InRange(figures.BedBlockers, 7, 14);       // one MED/CHIR bed in 25
        Assert.Equal(new EmergencyFigures(4, 9), WinterEmergency.Toward(new EmergencyFigures(2, 10), new EmergencyFigures(12, 3)));
    }

    [Fact]
    public void Demo_contact_lines_use_the_numbers_kept_for_fiction()
    {
        var contacts = Enumerable.Range(0, 300).Select(i => DemoContacts.For($"34{i:0000000}", "34", i % 3 == 0)).ToList();
        Assert.InRange(contacts.Count(c => c is null), 10, 75);
        Assert.All(contacts.OfType<Contact>(), c =>
        {
            Assert.Matches(@"^04 65 71 \d\d \d\d$", c.Phone!);
            Assert.EndsWith("(fictif)", c.BedManager);
        });
        Assert.StartsWith("05 36 49 ", DemoContacts.For("310000001", "31", true)?.Phone ?? "05 36 49 ");
    }
}
