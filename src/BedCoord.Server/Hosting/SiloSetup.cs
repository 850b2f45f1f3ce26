using System.Net;
using BedCoord.Grains;
using BedCoord.Grains.Startup;
using BedCoord.Persistence;
using BedCoord.Server.Observability;
using BedCoord.Server.Settings;
using Orleans.Configuration;

namespace BedCoord.Server.Hosting;

public static class SiloSetup
{
    /// <summary>Co-hosts the silo in the web process: localhost clustering by default, PostgreSQL storage always.</summary>
    public static void UseBedCoordSilo(this WebApplicationBuilder builder, string connectionString, MetricsSettings metrics)
    {
        var settings = builder.Configuration.GetSection(SiloSettings.Section).Get<SiloSettings>() ?? new SiloSettings();
        // Before the silo: it must read the clean-shutdown mark before any grain runs and set it after the last one stopped.
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<CleanShutdownMarker>(sp, !settings.UsesDatabaseClustering));
        // Before the silo too, so that they stop after it: registered inside the silo's setup they stopped first, and a
        // unit write in flight when SIGTERM came waited for a writer that had gone, holding the unit's deactivation (and
        // every write to it through the other silos) for Orleans' 30 s timeout. The silo's own registrations of the same
        // services are then skipped (one hosted service per type).
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BedCoord.Persistence.UnitState.UnitStateStore>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BedCoord.Persistence.Alerts.AlertStore>());
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => { o.ClusterId = settings.ClusterId; o.ServiceId = settings.ServiceId; });
            if (settings.UsesDatabaseClustering)
                silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedIp), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            else
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
            if (settings.UsesDatabaseClustering)
                silo.Configure<ClusterMembershipOptions>(o => ConfigureMembership(o, builder.Configuration.GetSection(SiloSettings.MembershipSection)));
            silo.AddBedCoordPostgres(connectionString, settings.UsesDatabaseClustering, StateJson.Options);
            silo.AddBedCoordGrid(builder.Configuration);
            silo.AddBedCoordTelemetry(metrics);
        });
    }

    /// <summary>
    /// A silo killed outright is declared dead within about ProbeTimeout × NumMissedProbesLimit (3–5 s measured)
    /// instead of 9–11 s with Orleans' defaults, and only when two survivors agree. Orleans stretches the probe timeout by
    /// itself when this machine is overloaded, which keeps a slow but live silo from being voted out.
    /// docs/OPERATIONS.md explains the choice; "Cluster:Membership" overrides any of it.
    /// </summary>
    private static void ConfigureMembership(ClusterMembershipOptions options, IConfigurationSection overrides)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 3;
        options.NumVotesForDeathDeclaration = 2;
        options.TableRefreshTimeout = TimeSpan.FromSeconds(10);
        options.ExtendProbeTimeoutDuringDegradation = true;
        overrides.Bind(options);
    }
}
