using BedCoord.Domain.Beds;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Testing;

namespace BedCoord.Grains.Tests;

public sealed class AggregationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_unit_change_is_in_its_establishment_when_answered_and_reaches_every_level_up_to_the_region()
    {
        var cluster = await GridCluster.StartAsync(await postgres.CreateDatabaseAsync());
        await using var _ = cluster;
        var grains = cluster.Client;
        await GridCluster.SeedAsync(grains);
        var before = await GridCluster.RegionAsync(grains);
        Assert.Equal(5 * SmallTerritory.Start.Available, before.Beds.Available);

        var result = await grains.Unit(SmallTerritory.EstA, "med").UpdateBeds(new BedFigures(30, 2, 1, 20, 1, 3), expectedVersion: 1, "alice");

        Assert.Equal(BedWriteOutcome.Updated, result.Outcome);
        Assert.Equal(2, result.CurrentVersion);
        var delta = (29 - 20 - 1) - SmallTerritory.Start.Available;
        var est = await grains.Scope(new ScopeRef(ScopeKind.Establishment, SmallTerritory.EstA)).GetSummary(true);
        Assert.Equal(2 * SmallTerritory.Start.Available + delta, est.Beds.Available);
        await GridCluster.ReachedRegionAsync(grains, SmallTerritory.EstA);
        var dept = await grains.Scope(new ScopeRef(ScopeKind.Department, "31")).GetSummary(false);
        var sector = await grains.Scope(new ScopeRef(ScopeKind.Sector, "OUEST")).GetSummary(false);
        var region = await GridCluster.RegionAsync(grains);
        Assert.Equal(2 * SmallTerritory.Start.Available + delta, est.Beds.Available);
        Assert.Equal(3 * SmallTerritory.Start.Available + delta, dept.Beds.Available);
        Assert.Equal(dept.Beds, sector.Beds);
        Assert.Equal(before.Beds.Available + delta, region.Beds.Available);
        Assert.Equal(29 + 4 * 20, region.Beds.Open);
        Assert.Equal((double)(20 + 4 * 15) / (29 + 4 * 20), region.Beds.OccupancyRate!.Value, 10);
        Assert.Equal(29, region.Categories["MED"].Open - 20);
        Assert.Equal(["OUEST", "SUD"], region.Children!.Select(c => c.Id));
        Assert.Equal("alice", est.Children!.Single(u => u.Id == "med").UpdatedBy);
    }

    [Fact]
    public async Task A_stale_if_match_changes_nothing_and_reports_the_current_version()
    {
        var cluster = await GridCluster.StartAsync(await postgres.CreateDatabaseAsync());
        await using var _ = cluster;
        var grains = cluster.Client;
        await GridCluster.SeedAsync(grains);
        var unit = grains.Unit(SmallTerritory.EstC, "chir");
        await unit.UpdateBeds(new BedFigures(20, 0, 0, 10, 0, 0), 1, "first");

        var second = await unit.UpdateBeds(new BedFigures(20, 0, 0, 19, 0, 0), 1, "second");

        Assert.Equal(BedWriteOutcome.VersionConflict, second.Outcome);
        Assert.Equal(2, second.CurrentVersion);
        var now = await unit.GetSummary(false);
        Assert.Equal(10, now.Beds.Occupied);
        Assert.Equal("first", now.UpdatedBy);
    }

    [Fact]
    public async Task An_unknown_unit_is_refused()
    {
        var cluster = await GridCluster.StartAsync(await postgres.CreateDatabaseAsync());
        await using var _ = cluster;
        await GridCluster.SeedAsync(cluster.Client);

        var result = await cluster.Client.Unit(SmallTerritory.EstA, "nope").UpdateBeds(SmallTerritory.Start, null, "x");

        Assert.Equal(BedWriteOutcome.UnknownUnit, result.Outcome);
    }

    [Fact]
    public async Task A_parent_ignores_a_child_summary_older_than_the_one_it_holds()
    {
        var cluster = await GridCluster.StartAsync(await postgres.CreateDatabaseAsync());
        await using var _ = cluster;
        var grains = cluster.Client;
        await GridCluster.SeedAsync(grains);
        var unit = grains.Unit(SmallTerritory.EstB, "smr");
        var old = await unit.GetSummary(false);
        await unit.UpdateBeds(new BedFigures(20, 0, 0, 20, 0, 0), null, "x");

        await grains.GetGrain<IEstablishmentGrain>(SmallTerritory.EstB).ChildChanged(old);

        var est = await grains.Scope(new ScopeRef(ScopeKind.Establishment, SmallTerritory.EstB)).GetSummary(false);
        Assert.Equal(0, est.Beds.Available);
    }

    [Fact]
    public async Task Emergency_figures_of_establishments_sum_up_to_the_region()
    {
        var cluster = await GridCluster.StartAsync(await postgres.CreateDatabaseAsync());
        await using var _ = cluster;
        var grains = cluster.Client;
        await GridCluster.SeedAsync(grains);

        await grains.GetGrain<IEstablishmentGrain>(SmallTerritory.EstA).SetEmergency(new EmergencyFigures(7, 3), "x");
        var result = await grains.GetGrain<IEstablishmentGrain>(SmallTerritory.EstC).SetEmergency(new EmergencyFigures(2, 1), "x");

        Assert.Equal(2, result.Establishment.EdWaitingForBed);
        await GridCluster.ReachedRegionAsync(grains, SmallTerritory.EstA);
        await GridCluster.ReachedRegionAsync(grains, SmallTerritory.EstC);
        var region = await GridCluster.RegionAsync(grains);
        Assert.Equal(9, region.EdWaitingForBed);
        Assert.Equal(4, region.BedBlockers);
    }
}
