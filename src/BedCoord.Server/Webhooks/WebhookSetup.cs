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
        // Checked when the host starts: a nonsensical value stops the process naming the section.
        builder.Services.AddOptions<WebhookOptions>().Bind(section)
            .Validate(o => o.MinIntervalSeconds > 0 && o.MinIntervalSeconds <= o.DefaultIntervalSeconds && o.DefaultIntervalSeconds <= o.MaxIntervalSeconds,
                "Webhooks: 0 < MinIntervalSeconds <= DefaultIntervalSeconds <= MaxIntervalSeconds")
            .Validate(o => o.MaxAttempts is >= 1 and <= 1000 && o.RetryBaseSeconds > 0 && o.RetryMaxDelaySeconds >= o.RetryBaseSeconds,
                "Webhooks: MaxAttempts 1–1000, RetryBaseSeconds > 0, RetryMaxDelaySeconds >= RetryBaseSeconds")
            .Validate(o => o.TimeoutSeconds > 0 && o.SettleSeconds >= 0 && o.SweepSeconds >= 1,
                "Webhooks: TimeoutSeconds > 0, SettleSeconds >= 0, SweepSeconds >= 1")
            .ValidateOnStart();
        builder.Services.AddSingleton<WebhookStore>();
        builder.Services.AddSingleton<WebhookReports>();
        builder.Services.AddSingleton<IWebhookSender>(sp => sp.GetRequiredService<WebhookReports>());
        builder.Services.AddSingleton<WebhookDirectory>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookDirectory>());
        return builder;
    }
}
