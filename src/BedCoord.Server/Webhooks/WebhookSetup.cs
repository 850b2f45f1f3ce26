using BedCoord.Domain.Webhooks;
using BedCoord.Grains.Webhooks;
using BedCoord.Persistence.Webhooks;

namespace BedCoord.Server.Webhooks;

/// <summary>Webhook subscriptions (issue 12 §4): store, renderer and sender, the scope → subscription map, the endpoints.</summary>
public static class WebhookSetup
{
    public static WebApplicationBuilder AddBedCoordWebhooks(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(WebhookOptions.Section);
        builder.Services.Configure<WebhookOptions>(section);
        builder.Services.AddSingleton<WebhookStore>();
        builder.Services.AddSingleton<WebhookReports>();
        builder.Services.AddSingleton<IWebhookSender>(sp => sp.GetRequiredService<WebhookReports>());
        builder.Services.AddSingleton<WebhookDirectory>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookDirectory>());
        return builder;
    }
}
