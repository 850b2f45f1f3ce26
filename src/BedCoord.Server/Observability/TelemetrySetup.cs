using BedCoord.Domain.Access;
using BedCoord.Grains;
using BedCoord.Persistence;
using BedCoord.Server.Settings;
using Microsoft.AspNetCore.SignalR;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Dashboard;

namespace BedCoord.Server.Observability;

/// <summary>
/// OpenTelemetry the .NET way: ASP.NET Core, HttpClient, Npgsql and Orleans instrumentation plus BedCoord's own
/// meters; a Prometheus scrape for admins (or on a monitoring-only port), OTLP when a collector is configured,
/// and the Orleans Dashboard for admins. docs/OPERATIONS.md says what each metric means.
/// </summary>
public static class TelemetrySetup
{
    public const string AdminPolicy = "bedcoord-admin";
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static void AddBedCoordTelemetry(this WebApplicationBuilder builder, MetricsSettings settings)
    {
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin));
        builder.Services.AddHostedService<GridGauges>();
        builder.Services.AddSignalR(o => o.AddFilter<BoardConnectionFilter>());

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("bedcoord", serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter(ServerMetrics.MeterName, GridMetrics.MeterName, StorageMetrics.MeterName, GridGauges.MeterName)
                    .AddMeter("Microsoft.Orleans", "Npgsql");
                if (settings.Prometheus) m.AddPrometheusExporter();
            });
        if (settings.OtlpEndpoint is { } endpoint)
        {
            // Traces cost an activity per call at every hop: only when a collector receives them.
            otel.WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql().AddSource(OrleansSources))
                .UseOtlpExporter(settings.OtlpProtocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc, new Uri(endpoint));
        }
    }

    /// <summary>Silo side: trace context across grain calls, and the dashboard's grain.</summary>
    public static void AddBedCoordTelemetry(this ISiloBuilder silo, MetricsSettings settings)
    {
        if (settings.OtlpEndpoint is not null) silo.AddActivityPropagation();
        if (settings.Dashboard) silo.AddDashboard();
    }

    /// <summary>Counts bed updates by answer; early in the pipeline, so refusals by authentication and rate limits count too.</summary>
    public static WebApplication UseBedCoordMetrics(this WebApplication app)
    {
        app.UseMiddleware<UpdateOutcomeMiddleware>();
        return app;
    }

    /// <summary>The scrape endpoint and the dashboard, both for admins unless the scrape has its own port.</summary>
    public static WebApplication MapBedCoordTelemetry(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<MetricsSettings>();
        if (settings.Prometheus)
        {
            var scrape = app.MapPrometheusScrapingEndpoint(settings.Path);
            // With its own port, the scrape answers only there (list the port in --urls too).
            if (settings.Port is { } port) scrape.RequireHost($"*:{port}");
            if (settings.RequireAdmin) scrape.RequireAuthorization(AdminPolicy);
            else scrape.AllowAnonymous();
        }
        if (settings.Dashboard) app.MapOrleansDashboard(routePrefix: settings.DashboardPath).RequireAuthorization(AdminPolicy);
        return app;
    }
}
