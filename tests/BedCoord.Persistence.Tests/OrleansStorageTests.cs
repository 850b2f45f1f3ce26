using System.Text.Json;
using BedCoord.Testing;
using Orleans.TestingHost;

namespace BedCoord.Persistence.Tests;

public sealed class OrleansStorageTests(PostgresFixture postgres)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task State_written_by_one_cluster_is_read_back_by_the_next()
    {
        var db = await postgres.CreateDatabaseAsync();
        await OrleansSchema.MigrateAsync(db, TestContext.Current.CancellationToken);
        var serviceId = "bedcoord-" + Guid.NewGuid().ToString("N")[..8];

        await using (var first = await StartClusterAsync(db, serviceId))
        {
            var ledger = first.Client.GetGrain<ILedgerGrain>("ward-12");
            await ledger.Append("bed 1 opened");
            await ledger.Append("bed 2 opened");
        }

        await using (var second = await StartClusterAsync(db, serviceId))
        {
            var state = await second.Client.GetGrain<ILedgerGrain>("ward-12").Read();
            Assert.Equal(["bed 1 opened", "bed 2 opened"], state.Entries);
            Assert.Equal(2, state.TotalBeds);
        }

        var payload = await Db.ScalarAsync<string>(db,
            "SELECT convert_from(payloadbinary, 'UTF8') FROM orleansstorage WHERE serviceid = $1", serviceId);
        using var doc = JsonDocument.Parse(payload);
        Assert.Equal(2, doc.RootElement.GetProperty("totalBeds").GetInt32());
        Assert.DoesNotContain("$type", payload);
        Assert.DoesNotContain(nameof(LedgerState), payload);
    }

    private static async Task<InProcessTestCluster> StartClusterAsync(string db, string serviceId)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) => silo.AddBedCoordPostgres(db, clustering: false, Json));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
