using BedCoord.Grains.Abstractions;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Territory;
using BedCoord.Testing;

namespace BedCoord.Grains.Tests;

public sealed class RestartTests(PostgresFixture postgres)
{
    [Fact]
    public async Task After_the_cluster_restarts_every_unit_and_total_is_as_before()
    {
        var db = await postgres.CreateDatabaseAsync();
        Domain.Summaries.Summary before;
        Domain.Summaries.Summary unitBefore;
        await using (var first = await GridCluster.StartAsync(db))
        {
            await GridCluster.SeedAsync(first.Client);
            await first.Client.Unit(SmallTerritory.EstA, "rea").UpdateBeds(new BedFigures(12, 1, 0, 11, 0, 1), null, "bob");
            await GridCluster.ReachedRegionAsync(first.Client, SmallTerritory.EstA);
            before = await GridCluster.RegionAsync(first.Client);
            unitBefore = await first.Client.Unit(SmallTerritory.EstA, "rea").GetSummary(false);
            await first.StopAllSilosAsync(TestContext.Current.CancellationToken);
        }

        await using var second = await GridCluster.StartAsync(db);
        var after = await GridCluster.RegionAsync(second.Client);
        var unitAfter = await second.Client.Unit(SmallTerritory.EstA, "rea").GetSummary(false);

        Assert.Equal(before.Beds, after.Beds);
        Assert.Equal(before.Categories.Keys, after.Categories.Keys);
        Assert.Equal(before.Freshness, after.Freshness);
        Assert.Equal(unitBefore.Beds, unitAfter.Beds);
        Assert.Equal(unitBefore.Version, unitAfter.Version);
        Assert.Equal("bob", unitAfter.UpdatedBy);
    }

    [Fact]
    public async Task Parents_whose_summed_state_was_lost_rebuild_it_from_their_children()
    {
        var db = await postgres.CreateDatabaseAsync();
        Domain.Summaries.Summary before;
        await using (var first = await GridCluster.StartAsync(db))
        {
            await GridCluster.SeedAsync(first.Client);
            await first.Client.Unit(SmallTerritory.EstC, "med").UpdateBeds(new BedFigures(40, 0, 0, 10, 0, 0), null, "x");
            await GridCluster.ReachedRegionAsync(first.Client, SmallTerritory.EstC);
            before = await GridCluster.RegionAsync(first.Client);
            await first.StopAllSilosAsync(TestContext.Current.CancellationToken);
        }
        // As after a crash between a unit's durable write and its parents' write-behind: parents lost.
        var deleted = await Db.ExecuteAsync(db, "DELETE FROM orleansstorage WHERE graintypestring NOT LIKE '%unit%' AND graintypestring NOT LIKE '%territory%'");
        Assert.Equal(3 + 2 + 2 + 1, deleted);

        await using var second = await GridCluster.StartAsync(db);
        var after = await Eventually.ValueAsync(() => GridCluster.RegionAsync(second.Client), s => s.Beds == before.Beds, TimeSpan.FromSeconds(20));

        Assert.Equal(before.Beds, after.Beds);
        Assert.Equal(5, after.Freshness.Units);
    }
}
