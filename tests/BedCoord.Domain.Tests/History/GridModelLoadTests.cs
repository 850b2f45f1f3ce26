using System.Text.Json;
using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using BedCoord.Domain.Territory;
using Xunit;
using static BedCoord.Domain.Tests.Territory.TestTerritory;

namespace BedCoord.Domain.Tests.History;

public class GridModelLoadTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(30);

    // The last input of each unit, establishment and scope, as replay reads them: some units stale at the
    // replay instant (written more than 30 minutes before it), one fresh, emergency figures and a declared level.
    private static readonly HistoryEvent[] StateAt =
    [
        new UnitBedsEvent("a1", T0, ChuToulouse, "rea", new BedFigures(20, 2, 1, 15, 1, 3), "x"),
        new UnitBedsEvent("a2", T0.AddMinutes(5), ChuToulouse, "med-polyvalente", new BedFigures(40, 0, 0, 38, 0, 6), "x"),
        new UnitBedsEvent("a3", T0.AddMinutes(50), CliniqueToulouse, "chir", new BedFigures(12, 0, 0, 7, 2, 1), "x"),
        new UnitBedsEvent("a4", T0.AddMinutes(10), ChRodez, "med", new BedFigures(25, 5, 0, 19, 0, 2), "x"),
        new EmergencyEvent("a5", T0.AddMinutes(20), ChuToulouse, new EmergencyFigures(9, 4)),
        new LevelEvent("l1", T0.AddMinutes(30), Department("31"), 3, 2, 3, "plan blanc"),
        new UnitBedsEvent("a6", T0.AddMinutes(15), "999999999", "ghost", new BedFigures(1, 0, 0, 0, 0, 0), "x"), // not in the territory
    ];

    private static GridModel OneByOne(DateTimeOffset at)
    {
        var model = new GridModel(Catalog, _ => StaleAfter);
        foreach (var e in StateAt.OrderBy(e => e.At)) model.Apply(e);
        model.AdvanceTo(at);
        return model;
    }

    private static string Show(GridModel model, ScopeRef scope) => JsonSerializer.Serialize(model.SummaryOf(scope, withChildren: true));

    [Fact]
    public void Loading_the_state_at_an_instant_gives_the_summaries_of_applying_each_input_then_advancing_to_it()
    {
        var at = T0.AddMinutes(60);
        var loaded = new GridModel(Catalog, _ => StaleAfter);
        loaded.Load(StateAt, at);
        var applied = OneByOne(at);

        var scopes = new[]
        {
            Region("OCC"), Sector("OUEST"), Sector("NORD"), Department("31"), Department("12"), Establishment(ChuToulouse),
            Establishment(CliniqueToulouse), Establishment(ChRodez), Unit(ChuToulouse, "rea"), Unit(CliniqueToulouse, "chir"),
        };
        foreach (var scope in scopes) Assert.Equal(Show(applied, scope), Show(loaded, scope));
        // What a user sees in the replay: the region's sums, stale units counted, the département's declared level.
        var region = loaded.SummaryOf(Region("OCC"))!;
        Assert.Equal(20 + 40 + 12 + 25, region.Beds.Installed);
        Assert.Equal(3, loaded.SummaryOf(Department("31"))!.DeclaredLevel);
        Assert.Null(loaded.SummaryOf(Region("COR")));
        Assert.Equal(at, loaded.Now);
    }

    [Fact]
    public void A_loaded_model_turns_units_stale_later_as_an_applied_one_does()
    {
        var at = T0.AddMinutes(60);
        var loaded = new GridModel(Catalog, _ => StaleAfter);
        loaded.Load(StateAt, at);
        var applied = OneByOne(at);
        // The clinic's chir, written at +50 min, is still fresh at +60 and turns stale at +80: the projector
        // continues from a loaded model, so that deadline must still be pending in it.
        Assert.NotEqual(true, loaded.SummaryOf(Unit(CliniqueToulouse, "chir"))!.Stale);
        var later = T0.AddMinutes(90);
        var changed = loaded.AdvanceTo(later).Select(s => s.ToString()).Order().ToList();
        Assert.Equal(applied.AdvanceTo(later).Select(s => s.ToString()).Order().ToList(), changed);
        Assert.Contains(Unit(CliniqueToulouse, "chir").ToString(), changed);
        Assert.True(loaded.SummaryOf(Unit(CliniqueToulouse, "chir"))!.Stale);
        Assert.Equal(Show(applied, Region("OCC")), Show(loaded, Region("OCC")));
    }
}
