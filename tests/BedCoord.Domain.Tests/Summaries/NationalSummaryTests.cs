using Xunit;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Import;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Domain.Tests.Tension;

namespace BedCoord.Domain.Tests.Summaries;

public sealed class NationalSummaryTests
{
    private static Summary Region(string id, int open, int occupied, int stale, int declared = 0) =>
        TestSummary.With(null, edWaiting: 2, blockers: 1, new Freshness(10, stale, open, open), ("MED", TestSummary.Figures(open, occupied))) with
        {
            Kind = ScopeKind.Region, Id = id, Name = id, ParentId = null, DeclaredLevel = declared == 0 ? null : declared, Revision = 5,
        };

    [Fact]
    public void France_sums_its_regions_like_a_region_sums_its_sectors()
    {
        var nation = NationalSummary.Sum([Region("OCC", 100, 60, 1), Region("GUA", 40, 30, 0, declared: 2)]);

        Assert.Equal(ScopeKind.Nation, nation.Kind);
        Assert.Equal("FR", nation.Id);
        Assert.Equal(140, nation.Beds.Open);
        Assert.Equal(50, nation.Beds.Available);
        Assert.Equal(50, nation.Groups["MCO"].Available);
        Assert.Equal(4, nation.EdWaitingForBed);
        Assert.Equal(new Freshness(20, 1, 140, 140), nation.Freshness);
        Assert.Equal(["OCC", "GUA"], nation.Children!.Select(c => c.Id));
        // No national thresholds: the highest regional level shows.
        Assert.Equal(2, nation.Level);
        Assert.Equal(10, nation.Revision);
    }

    [Fact]
    public void An_empty_territory_sums_to_zero()
    {
        var nation = NationalSummary.Sum([]);
        Assert.Equal(0, nation.Beds.Available);
        Assert.Empty(nation.Children!);
    }

    [Fact]
    public void The_import_takes_overseas_regions_and_corsican_departements()
    {
        static DepartmentImport Dept(string code, string finess) => new(code, $"Dép. {code}", 1000, [
            new EstablishmentImport(finess, "CH", "CH", null, null, true, [new UnitImport("med", "Médecine", "MED", null)])]);
        var doc = new TerritoryImport([
            new RegionImport("GUA", "Guadeloupe", [new SectorImport("GUA-1", "Guadeloupe", [Dept("971", "970100001")])]),
            new RegionImport("MAY", "Mayotte", [new SectorImport("MAY-1", "Mayotte", [Dept("976", "976000001")])]),
            new RegionImport("COR", "Corse", [new SectorImport("COR-1", "Corse", [Dept("2A", "2A0000001"), Dept("2B", "2B0000001")])]),
        ]);
        var errors = new FieldErrors();

        var plan = ImportValidator.Validate(doc, errors);

        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Equal(["GUA", "MAY", "COR"], plan!.Incoming.Regions.Select(r => r.Id));
    }
}
