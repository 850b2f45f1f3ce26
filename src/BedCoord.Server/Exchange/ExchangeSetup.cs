using BedCoord.Exchange;
using BedCoord.Server.Webhooks;

namespace BedCoord.Server.Exchange;

/// <summary>The standards exchange (issue 12): FHIR R4 under /fhir/r4, the EDXL-HAVE export, webhooks.</summary>
public static class ExchangeSetup
{
    public static WebApplicationBuilder AddBedCoordExchange(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ExchangeOptions>(builder.Configuration.GetSection("Exports"));
        builder.Services.AddSingleton<FhirContext>();
        builder.Services.AddSingleton<FhirResources>();
        builder.Services.AddSingleton<FhirLocationWriter>();
        builder.AddBedCoordWebhooks();
        return builder;
    }

    public static WebApplication MapBedCoordExchange(this WebApplication app)
    {
        app.MapGroup(FhirContext.BasePath).RequireAuthorization()
            .MapFhirReadEndpoints()
            .MapMeasureReportEndpoints()
            .MapFhirWriteEndpoints();
        app.MapGroup("/api").RequireAuthorization()
            .MapHaveExportEndpoints()
            .MapWebhookEndpoints();
        return app;
    }
}
