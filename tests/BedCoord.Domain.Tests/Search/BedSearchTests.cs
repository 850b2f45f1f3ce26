using Xunit;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Search;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Tests.Search;

public sealed class BedSearchTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromHours(4);

    [Fact]
    public void A_stale_unit_of_another_category_does_not_make_the_searched_beds_stale()
    {
        var est = Establishment("A", Unit("A", "smr", "SMR", 10, 4, Now.AddMinutes(-30)), Unit("A", "rea", "REA", 8, 8, Now.AddHours(-9)));

        var result = Assert.Single(BedSearch.Rank("SMR", [(Info("A"), est)], null, 10));

        Assert.False(result.Stale);
        Assert.Equal(Now.AddMinutes(-30), result.UpdatedAt);
        Assert.True(BedSearch.Rank("REA", [(Info("A"), Establishment("A", Unit("A", "rea", "REA", 8, 2, Now.AddHours(-9))))], null, 10).Single().Stale);
    }

    [Fact]
    public void The_figure_of_a_category_is_as_old_as_its_oldest_unit_and_stale_if_any_unit_is()
    {
        var est = Establishment("A", Unit("A", "smr1", "SMR", 10, 4, Now.AddMinutes(-5)), Unit("A", "smr2", "SMR", 10, 4, Now.AddHours(-6)));

        var (updatedAt, stale) = BedSearch.FreshnessOf(est, "SMR");

        Assert.Equal(Now.AddHours(-6), updatedAt);
        Assert.True(stale);
    }

    [Fact]
    public void Fresh_results_come_before_stale_ones_then_the_nearest_and_only_establishments_with_beds_left()
    {
        var far = Establishment("FAR", Unit("FAR", "smr", "SMR", 10, 2, Now.AddMinutes(-1)));
        var near = Establishment("NEAR", Unit("NEAR", "smr", "SMR", 10, 9, Now.AddMinutes(-1)));
        var staleNearest = Establishment("OLD", Unit("OLD", "smr", "SMR", 10, 0, Now.AddHours(-5)));
        var full = Establishment("FULL", Unit("FULL", "smr", "SMR", 10, 10, Now));

        var results = BedSearch.Rank("SMR",
            [(Info("FAR", 44.0, 1.4), far), (Info("NEAR", 43.7, 1.4), near), (Info("OLD", 43.6, 1.4), staleNearest), (Info("FULL", 43.6, 1.4), full)],
            (43.6, 1.4), 10);

        Assert.Equal(["NEAR", "FAR", "OLD"], results.Select(r => r.EstablishmentId));
    }

    private static EstablishmentInfo Info(string id, double lat = 43.6, double lon = 1.44) =>
        new(id, "Etablissement " + id, "CH", "31", lat, lon, false, []);

    private static Summary Unit(string finess, string id, string category, int open, int occupied, DateTimeOffset updatedAt) =>
        SummaryMath.ForUnit(finess, new UnitInfo(id, id, category), new UnitBedState(new BedFigures(open, 0, 0, occupied, 0, 0), 1, updatedAt, "test"),
            Now, StaleAfter);

    private static Summary Establishment(string id, params Summary[] units) =>
        SummaryMath.Aggregate(ScopeKind.Establishment, id, "Etablissement " + id, "31", units, null, 1) with { Children = units };
}
