using BedCoord.Domain.Webhooks;

namespace BedCoord.Grains.Webhooks;

/// <summary>A scope's report rendered for one subscription; <see cref="StateHash"/> fingerprints the state it carries.</summary>
public sealed record WebhookPayload(byte[] Body, string ContentType, string StateHash);

/// <summary>What one HTTP attempt gave: the status code when an answer came, else why not.</summary>
public sealed record AttemptResult(int? StatusCode, TimeSpan Duration, string? Error);

/// <summary>
/// The host's side of a delivery (rendering needs the exchange mappings, sending needs HTTP): the grain decides when,
/// this does what. Implemented by the server.
/// </summary>
public interface IWebhookSender
{
    /// <summary>The fingerprint of the scope's current state, without rendering the report.</summary>
    Task<string> FingerprintAsync(WebhookSubscription subscription);

    Task<WebhookPayload> RenderAsync(WebhookSubscription subscription, DateTimeOffset now);

    /// <summary>One signed POST; never throws for a receiver's failure (the result says what happened).</summary>
    Task<AttemptResult> SendAsync(WebhookSubscription subscription, WebhookPayload payload, Guid deliveryId, int attempt);
}
