using BedCoord.Server.Api;
using BedCoord.Server.Audit;
using BedCoord.Server.Auth;
using BedCoord.Server.Board;
using BedCoord.Server.Crisis;
using BedCoord.Server.Exchange;
using BedCoord.Server.Maturity;
using BedCoord.Server.OpenApi;
using BedCoord.Server.Web;
using BedCoord.Server.History;
using BedCoord.Server.Observability;
using BedCoord.Server.Outlook;
using BedCoord.Server.Reports;
using BedCoord.Server.Settings;
using BedCoord.Grains.Startup;

namespace BedCoord.Server.Hosting;

/// <summary>Every service of a BedCoord server process, so that Program.cs reads as the request pipeline only.</summary>
public static class ServerSetup
{
    public static WebApplicationBuilder AddBedCoordServer(this WebApplicationBuilder builder)
    {
        // Settings first: a bad value stops the process here, naming the setting, before anything starts.
        var storage = StartupSettings.Read<StorageSettings>(builder, StorageSettings.Section);
        var demo = StartupSettings.Read<DemoSettings>(builder, DemoSettings.Section);
        var auth = StartupSettings.Read<AuthSettings>(builder, AuthSettings.Section);
        var metrics = StartupSettings.Read<MetricsSettings>(builder, MetricsSettings.Section);

        using var startupLog = LoggerFactory.Create(b => b.AddConsole());
        StartupTimeline.Mark(startupLog.CreateLogger("BedCoord.Startup"), "settings read");
        // Startup, not a request: nothing to block but this one thread, and Orleans needs the string below.
        var connectionString = StorageSetup.PrepareAsync(builder, storage, startupLog.CreateLogger("BedCoord.Storage")).GetAwaiter().GetResult();

        builder.UseBedCoordSilo(connectionString, metrics);
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());
        builder.Services.AddSingleton<WriteGuard>();
        builder.Services.AddSingleton<BoardRelay>();
        builder.Services.AddHostedService<RelayRegistration>();
        builder.Services.AddSignalR();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddBedCoordDemo(demo);

        builder.AddBedCoordHistory();
        builder.AddBedCoordReports();
        builder.Services.AddSingleton<OutlookService>();
        builder.AddBedCoordExchange();
        builder.Services.AddSingleton<BedCoord.Persistence.BedBlockers.BedBlockerStore>();
        builder.AddBedCoordMaturity();
        builder.AddBedCoordAuth(auth, connectionString);
        builder.AddBedCoordRateLimits();
        builder.AddBedCoordCrisis();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<GridUnavailableHandler>();
        builder.AddBedCoordOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
        builder.AddBedCoordSecurityHeaders();
        builder.AddBedCoordCompression();
        builder.AddBedCoordTelemetry(metrics);
        return builder;
    }

    private static void AddBedCoordDemo(this WebApplicationBuilder builder, DemoSettings demo)
    {
        builder.Services.AddSingleton(new StartupGate(demo.Seed));
        if (demo.Seed)
        {
            builder.Services.AddSingleton<DemoSeedLog>().AddSingleton<DemoEstablishmentSeed>().AddSingleton<DemoAdmissionsSeed>();
            builder.Services.AddHostedService<DemoSeeder>();
            if (demo.History) builder.Services.AddHostedService<DemoHistoryBackfill>();
        }
        if (demo.Simulate) builder.Services.AddHostedService<ActivitySimulator>();
    }
}
