using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using BedCoord.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace BedCoord.Persistence.Tests;

/// <summary>
/// The in-process test cluster always uses in-memory membership, so clustering and reminders are proven
/// with a real silo host on loopback ports.
/// </summary>
public sealed class AdoNetClusteringTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_silo_joins_through_the_membership_table_and_stores_reminders_and_state()
    {
        var db = await postgres.CreateDatabaseAsync();
        await OrleansSchema.MigrateAsync(db, TestContext.Current.CancellationToken);
        var clusterId = "c-" + Guid.NewGuid().ToString("N")[..8];

        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => { o.ClusterId = clusterId; o.ServiceId = clusterId; });
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort());
            silo.AddBedCoordPostgres(db, clustering: true, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        });
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            var ledger = host.Services.GetRequiredService<IGrainFactory>().GetGrain<ILedgerGrain>("ward-3");
            await ledger.Append("opened");
            await ledger.RemindDaily();

            // Status 3 is SiloStatus.Active.
            Assert.Equal(1L, await Db.ScalarAsync<long>(db,
                "SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = $1 AND status = 3", clusterId));
            Assert.Equal(1L, await Db.ScalarAsync<long>(db,
                "SELECT count(*) FROM orleansreminderstable WHERE serviceid = $1 AND remindername = 'daily'", clusterId));
            Assert.Equal(1L, await Db.ScalarAsync<long>(db,
                "SELECT count(*) FROM orleansstorage WHERE serviceid = $1", clusterId));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
