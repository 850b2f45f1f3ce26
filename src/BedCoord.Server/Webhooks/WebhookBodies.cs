using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using BedCoord.Domain.Webhooks;

namespace BedCoord.Server.Webhooks;

/// <summary>POST /api/webhooks, as the contract states it (the handler reads the JSON itself to name every wrong field).</summary>
public sealed record WebhookBody(
    [property: Required, MaxLength(WebhookInput.MaxUrlLength), Description("Absolute http:// or https:// address that receives the POSTs")] string Url,
    [property: Required, Description("region/OCC, sector/SUD, department/31 or establishment/{finess} (kind:id is accepted too)")] string Scope,
    [property: Required, AllowedValues(WebhookFormat.Fhir, WebhookFormat.Have, WebhookFormat.Json),
               Description("fhir: Bundle of SANER MeasureReports (JSON); have: EDXL-HAVE 1.0 (XML); json: the scope's Summary with children")] string Format,
    [property: Description("At most one delivery per this many seconds (bounds in docs/API.md; default 60)")] int? IntervalSeconds = null,
    [property: MinLength(WebhookInput.MinSecretLength), MaxLength(WebhookInput.MaxSecretLength),
               Description("HMAC key; omitted: the server generates one and answers it once")] string? Secret = null);

/// <summary>A subscription as the API shows it. The secret appears only in the answer to its creation, and only when generated.</summary>
public sealed record WebhookAnswer(
    Guid Id, string Url, string Scope, string Format, int IntervalSeconds, string CreatedBy, DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("Shown once, at creation, when the server generated it")] string? Secret = null)
{
    public static WebhookAnswer Of(WebhookSubscription s, string? secret = null) =>
        new(s.Id, s.Url.AbsoluteUri, WebhookInput.Describe(s.Scope), s.Format, s.IntervalSeconds, s.CreatedBy, s.CreatedAt, secret);
}

/// <summary>One page of a subscription's delivery log, newest attempt first; <c>nextBefore</c> asks for the next page.</summary>
public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryLine> Items, long? NextBefore);

/// <summary>One attempt: when, what the receiver answered (or why none came), how long it took, and what happens next.</summary>
public sealed record WebhookDeliveryLine(
    long Seq, Guid DeliveryId, int Attempt, DateTimeOffset At, int? StatusCode, int DurationMs, string? Error,
    [property: Description("delivered | retrying | abandoned")] string Outcome, DateTimeOffset? NextAttemptAt)
{
    public static WebhookDeliveryLine Of(WebhookAttempt a) =>
        new(a.Seq, a.DeliveryId, a.Attempt, a.At, a.StatusCode, a.DurationMs, a.Error, a.Outcome, a.NextAttemptAt);
}
