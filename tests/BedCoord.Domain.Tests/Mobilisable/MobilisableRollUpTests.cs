using System.Text.Json;
using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using BedCoord.Domain.Mobilisable;
using BedCoord.Domain.Territory;
using Xunit;
using static BedCoord.Domain.Tests.Territory.TestTerritory;

namespace BedCoord.Domain.Tests.Mobilisable;

/// <summary>Mobilisable beds sum upward like every figure, by group and category, in the live sums and in replay.</summary>
public class MobilisableRollUpTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static BedFigures Beds(int closed, int reopenable, int? within, int withoutStaff, int withStaff) =>
        new(40, closed, 0, 20, 0, 2, MobilisableFigures.Of(reopenable, within, withoutStaff, 24, withStaff, null));

    [Fact]
    public void Every_scope_sums_its_units_mobilisable_beds_by_group_and_category()
    {
        var model = new GridModel(Catalog, _ => TimeSpan.FromHours(1));
        model.Apply(new UnitBedsEvent("a1", T0, ChuToulouse, "med-polyvalente", Beds(6, 5, 24, 2, 4), "x"));
        model.Apply(new UnitBedsEvent("a2", T0, ChuToulouse, "rea", Beds(2, 2, 72, 0, 1), "x"));
        model.Apply(new UnitBedsEvent("a3", T0, ChAuch, "med", Beds(0, 0, null, 3, 0), "x"));
        model.Apply(new UnitBedsEvent("a4", T0, ChRodez, "med", Beds(1, 1, null, 0, 0), "x"));

        var chu = model.SummaryOf(Establishment(ChuToulouse))!.Beds.Mobilisable;
        Assert.Equal((7, 2, 5, 14), (chu.Reopenable, chu.SurgeWithoutStaff, chu.SurgeWithStaff, chu.Total));
        Assert.Equal(5 + 2, chu.Within24h.Total);   // med's reopenable and surge without staff
        Assert.Equal(7 + 2, chu.Within72h.Total);   // and rea's reopenable, stated within 72 h

        Assert.Equal(14, model.SummaryOf(Department("31"))!.Beds.Mobilisable.Total);
        Assert.Equal(14 + 3, model.SummaryOf(Sector("OUEST"))!.Beds.Mobilisable.Total);
        var region = model.SummaryOf(Region("OCC"))!;
        Assert.Equal(14 + 3 + 1, region.Beds.Mobilisable.Total);
        Assert.Equal(7 + 3, region.Beds.Mobilisable.Within24h.Total);
        Assert.Equal(11 + 3 + 1, region.Categories["MED"].Mobilisable.Total);
        Assert.Equal(3, region.Categories["REA"].Mobilisable.Total);
        Assert.Equal(region.Beds.Mobilisable, region.Groups.Values.Aggregate(BedFigures.Zero, (a, b) => a + b).Mobilisable);
    }

    [Fact]
    public void Mobilisable_beds_never_change_open_or_available_beds()
    {
        var plain = new BedFigures(40, 6, 0, 20, 0, 2);
        var with = Beds(6, 5, 24, 2, 4);
        Assert.Equal((plain.Open, plain.Available), (with.Open, with.Available));
    }

    [Fact]
    public void Audit_rows_written_before_and_after_mobilisable_capacity_both_read_back()
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        // An unit.beds row as the audit trail held it before this change: no mobilisable field.
        const string old = """{"installed":30,"closed":2,"surge":1,"occupied":25,"reserved":2,"expectedDischarges":3,"open":29,"available":2,"occupancyRate":0.86}""";
        var before = JsonSerializer.Deserialize<BedFigures>(old, web)!;
        Assert.Equal(new BedFigures(30, 2, 1, 25, 2, 3), before);
        Assert.Equal(MobilisableFigures.Zero, before.Mobilisable);

        var figures = Beds(6, 5, 24, 2, 4);
        var now = JsonSerializer.Deserialize<BedFigures>(JsonSerializer.Serialize(figures, web), web);
        Assert.Equal(figures, now);
        Assert.Equal(5 + 2, now!.Mobilisable.Within24h.Total); // the delays survive the round trip
    }
}
