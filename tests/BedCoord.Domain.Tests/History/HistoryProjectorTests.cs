using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using BedCoord.Domain.Territory;
using Xunit;
using static BedCoord.Domain.Tests.Territory.TestTerritory;

namespace BedCoord.Domain.Tests.History;

public class HistoryProjectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(30);

    private static HistoryProjector NewProjector() => new(new GridModel(Catalog, _ => StaleAfter), T0);

    private static UnitBedsEvent Beds(string id, double minutes, string unit, int occupied, string finess = ChuToulouse) =>
        new(id, T0.AddMinutes(minutes), finess, unit, new BedFigures(20, 0, 0, occupied, 0, 0), "test");

    private static HistoryRow Row(IEnumerable<HistoryRow> rows, ScopeRef scope, double minute) =>
        rows.Single(r => r.Scope == scope.ToString() && r.Bucket == T0.AddMinutes(minute));

    [Fact]
    public void A_minute_keeps_its_last_values_and_the_range_of_available_beds_at_every_level()
    {
        var p = NewProjector();
        p.Process(Beds("1", 0.1, "rea", 10));   // rea 10 available
        p.Process(Beds("2", 0.2, "med-polyvalente", 15)); // med 5 available
        p.Process(Beds("3", 0.5, "rea", 18));   // rea 2 available
        p.Process(Beds("4", 1.5, "rea", 12));   // next minute: rea 8
        p.CloseUpTo(T0.AddMinutes(2));
        var rows = p.TakeClosed();

        var est = Row(rows, Establishment(ChuToulouse), 0);
        Assert.Equal(7, est.End.Beds.Available);
        Assert.Equal((7, 15), (est.AvailableMin, est.AvailableMax));
        var region = Row(rows, Region("OCC"), 0);
        Assert.Equal(7, region.End.Beds.Available);
        Assert.Equal((40, 33), (region.End.Beds.Open, region.End.Beds.Occupied));
        // The next minute starts from the 7 in force, goes to 13.
        var next = Row(rows, Establishment(ChuToulouse), 1);
        Assert.Equal((7, 13), (next.AvailableMin, next.AvailableMax));
        Assert.Equal(13, next.End.Beds.Available);
        // Nothing changed for the clinic: no row, readers carry forward.
        Assert.DoesNotContain(rows, r => r.Scope == Establishment(CliniqueToulouse).ToString());
    }

    [Fact]
    public void Inputs_of_one_instant_count_as_one_change_so_a_seeding_never_shows_half_a_sum()
    {
        var p = NewProjector();
        p.Process(Beds("1", 0.5, "rea", 10));              // rea 10 available
        p.Process(Beds("2", 0.5, "med-polyvalente", 15));  // med 5 available, same instant (an import)
        p.Process(Beds("3", 0.7, "rea", 12));              // rea 8
        p.CloseUpTo(T0.AddMinutes(1));

        var est = Row(p.TakeClosed(), Establishment(ChuToulouse), 0);
        Assert.Equal((13, 13, 15), (est.End.Beds.Available, est.AvailableMin, est.AvailableMax)); // never 10 (rea alone)
    }

    [Fact]
    public void Replaying_the_same_inputs_from_the_same_start_gives_the_same_rows()
    {
        IReadOnlyList<HistoryRow> Run()
        {
            var p = NewProjector();
            foreach (var e in new[] { Beds("1", 0.1, "rea", 10), Beds("2", 3.2, "chir", 4, CliniqueToulouse), Beds("3", 3.9, "rea", 19) }) p.Process(e);
            p.CloseUpTo(T0.AddMinutes(5));
            return p.TakeClosed();
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void A_unit_turns_stale_in_the_minute_its_last_update_gets_too_old()
    {
        var p = NewProjector();
        p.Process(Beds("1", 0.5, "rea", 10));
        p.CloseUpTo(T0.AddMinutes(40));
        var rows = p.TakeClosed();

        var staleAt = Row(rows, Establishment(ChuToulouse), 30); // 10:00:30 + 30 min, strictly after
        Assert.Equal((1, 1), (staleAt.End.Units, staleAt.End.StaleUnits));
        Assert.Equal(0, Row(rows, Establishment(ChuToulouse), 0).End.StaleUnits);
        Assert.DoesNotContain(rows, r => r.Bucket > T0.AddMinutes(30) && r.Bucket < T0.AddMinutes(40));
    }

    [Fact]
    public void Levels_come_from_level_changes_and_the_bucket_keeps_the_highest_reached()
    {
        var p = NewProjector();
        var dept = Department("31");
        p.Process(Beds("1", 0.1, "rea", 10));
        p.Process(new LevelEvent("l1", T0.AddMinutes(0.2), dept, 3, 3, null, "crise"));
        p.Process(new LevelEvent("l2", T0.AddMinutes(0.7), dept, 1, 1, null, "tension"));
        p.CloseUpTo(T0.AddMinutes(1));
        var row = Row(p.TakeClosed(), dept, 0);
        Assert.Equal((1, 3), (row.End.Level, row.LevelMax));
        Assert.Null(row.DeclaredMax);
    }

    [Fact]
    public void Units_hold_no_emergency_figures_nor_levels()
    {
        var p = NewProjector();
        p.Process(Beds("1", 0.1, "rea", 10));
        p.CloseUpTo(T0.AddMinutes(1));
        var unit = Row(p.TakeClosed(), Unit(ChuToulouse, "rea"), 0);
        Assert.Null(unit.End.EdWaitingForBed);
        Assert.Null(unit.End.Level);
    }

    [Fact]
    public void Inputs_before_the_open_minute_are_refused_rather_than_folded_into_a_written_one()
    {
        var p = NewProjector();
        p.CloseUpTo(T0.AddMinutes(2));
        Assert.Throws<InvalidOperationException>(() => p.Process(Beds("1", 1.5, "rea", 10)));
    }
}
