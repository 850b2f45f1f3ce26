using System.Net;
using BedCoord.Grains;
using BedCoord.Persistence;
using Orleans.Configuration;

namespace BedCoord.Server.Hosting;

public static class SiloSetup
{
    /// <summary>Co-hosts the silo in the web process: localhost clustering by default, PostgreSQL storage always.</summary>
    public static void UseBedCoordSilo(this WebApplicationBuilder builder, string connectionString)
    {
        var settings = builder.Configuration.GetSection(SiloSettings.Section).Get<SiloSettings>() ?? new SiloSettings();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => { o.ClusterId = settings.ClusterId; o.ServiceId = settings.ServiceId; });
            if (settings.UsesDatabaseClustering)
                silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedIp), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            else
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
            silo.AddBedCoordPostgres(connectionString, settings.UsesDatabaseClustering, StateJson.Options);
            silo.AddBedCoordGrid(builder.Configuration);
        });
    }
}
