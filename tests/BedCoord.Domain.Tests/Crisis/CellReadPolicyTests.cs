using BedCoord.Domain.Access;
using BedCoord.Domain.Crisis;
using BedCoord.Domain.Territory;
using BedCoord.Domain.Tests.Territory;
using Xunit;

namespace BedCoord.Domain.Tests.Crisis;

public sealed class CellReadPolicyTests
{
    private static Caller Caller(string role, string? region = null, string[]? sectors = null, string[]? establishments = null) =>
        new("x", role, (establishments ?? []).ToHashSet(), (sectors ?? []).ToHashSet(), region);

    [Fact]
    public void Viewers_read_cells_of_their_region_and_not_of_another()
    {
        var t = TestTerritory.Catalog;
        var region = t.Document.Regions[0];
        var dept = new ScopeRef(ScopeKind.Department, region.Sectors[0].Departments[0].Code);
        Assert.True(CellReadPolicy.Allows(Caller("viewer", region.Id), dept, t));
        Assert.False(CellReadPolicy.Allows(Caller("viewer", "IDF"), dept, t));
        Assert.False(CellReadPolicy.Allows(Caller("nobody", region.Id), dept, t));
        Assert.True(CellReadPolicy.Allows(Caller("admin"), dept, t));
    }

    [Fact]
    public void A_bed_manager_reads_their_establishment_but_not_its_neighbour()
    {
        var t = TestTerritory.Catalog;
        var establishments = t.Establishments().Take(2).ToList();
        var mine = Caller("bed-manager", establishments: [establishments[0].Id]);
        Assert.True(CellReadPolicy.Allows(mine, new ScopeRef(ScopeKind.Establishment, establishments[0].Id), t));
        Assert.False(CellReadPolicy.Allows(mine, new ScopeRef(ScopeKind.Establishment, establishments[1].Id), t));
    }
}
