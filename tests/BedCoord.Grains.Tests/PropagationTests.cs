using System.Collections.Concurrent;
using System.Diagnostics;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Scopes;
using BedCoord.Testing;
using Orleans.Hosting;

namespace BedCoord.Grains.Tests;

/// <summary>
/// How a change climbs above its establishment: the unit's call answers once the establishment has it, and the
/// département, sector and region follow on their own, each sending its parent only its latest summary.
/// </summary>
public sealed class PropagationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_region_slow_to_take_reports_holds_back_no_update_and_still_ends_on_the_latest_figures()
    {
        var slow = new SlowRegion();
        var cluster = await GridCluster.StartAsync(await postgres.CreateDatabaseAsync(), configure: s => s.AddIncomingGrainCallFilter(slow.Invoke));
        await using var _ = cluster;
        var grains = cluster.Client;
        await GridCluster.SeedAsync(grains);
        var unit = grains.Unit(SmallTerritory.EstB, "smr");

        // Every report reaching the region now takes a second: before, each update waited for it, one after another.
        slow.Delay = TimeSpan.FromSeconds(1);
        var reportsBefore = slow.Calls;
        var clock = Stopwatch.StartNew();
        for (var occupied = 1; occupied <= 10; occupied++)
        {
            var result = await unit.UpdateBeds(new BedFigures(20, 0, 0, occupied, 0, 0), null, "burst");
            Assert.Equal(BedWriteOutcome.Updated, result.Outcome);
            var est = await grains.Scope(new ScopeRef(ScopeKind.Establishment, SmallTerritory.EstB)).GetSummary(true);
            Assert.Equal(occupied, est.Children!.Single(c => c.Id == "smr").Beds.Occupied);
        }
        var answered = clock.Elapsed;
        Assert.True(answered < TimeSpan.FromSeconds(5), $"10 updates took {answered.TotalSeconds:F1} s behind a region taking 1 s per report");

        var expectedOccupied = 4 * SmallTerritory.Start.Occupied + 10;
        var region = await Eventually.ValueAsync(() => GridCluster.RegionAsync(grains), r => r.Beds.Occupied == expectedOccupied, TimeSpan.FromSeconds(15));
        Assert.Equal(expectedOccupied, region.Beds.Occupied);
        await GridCluster.ReachedRegionAsync(grains, SmallTerritory.EstB);
        // The ten changes reached the region as a few reports carrying the latest figures, not ten queued ones.
        Assert.InRange(slow.Calls - reportsBefore, 1, 4);
    }

    [Fact]
    public async Task After_many_concurrent_updates_every_level_holds_exactly_the_last_acknowledged_figures()
    {
        var cluster = await GridCluster.StartAsync(await postgres.CreateDatabaseAsync());
        await using var _ = cluster;
        var grains = cluster.Client;
        await GridCluster.SeedAsync(grains);
        var units = SmallTerritory.Units().ToList();
        var last = new ConcurrentDictionary<(string Finess, string Unit), (long Version, BedFigures Beds)>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 500), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var (finess, id) = units[i % units.Count];
            var beds = new BedFigures(20 + i % 11, i % 3, 0, i % 17, i % 2, i % 5);
            var result = await grains.Unit(finess, id).UpdateBeds(beds, null, "burst");
            Assert.Equal(BedWriteOutcome.Updated, result.Outcome);
            last.AddOrUpdate((finess, id), (result.CurrentVersion, beds), (_, held) => held.Version > result.CurrentVersion ? held : (result.CurrentVersion, beds));
        });

        foreach (var finess in units.Select(u => u.Finess).Distinct()) await GridCluster.ReachedRegionAsync(grains, finess);
        var region = await GridCluster.RegionAsync(grains);
        var acknowledged = last.Values.Select(v => v.Beds).ToList();
        Assert.Equal(acknowledged.Sum(b => b.Installed), region.Beds.Installed);
        Assert.Equal(acknowledged.Sum(b => b.Closed), region.Beds.Closed);
        Assert.Equal(acknowledged.Sum(b => b.Occupied), region.Beds.Occupied);
        Assert.Equal(acknowledged.Sum(b => b.Reserved), region.Beds.Reserved);
        Assert.Equal(acknowledged.Sum(b => b.ExpectedDischarges), region.Beds.ExpectedDischarges);
        foreach (var sector in region.Children!)
        {
            var own = await grains.Scope(new ScopeRef(ScopeKind.Sector, sector.Id)).GetSummary(false);
            Assert.Equal(own.Beds, sector.Beds);
        }
    }

    /// <summary>Delays every report a region receives by <see cref="Delay"/> and counts them.</summary>
    private sealed class SlowRegion
    {
        private int _calls;
        public TimeSpan Delay { get; set; }
        public int Calls => Volatile.Read(ref _calls);

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.Grain is RegionGrain && context.MethodName == nameof(IAggregateGrain.ChildChanged))
            {
                Interlocked.Increment(ref _calls);
                if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
            }
            await context.Invoke();
        }
    }
}
