using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Webhooks;

/// <summary>A stored subscription. The secret never leaves the server after the creation answer.</summary>
public sealed record WebhookSubscription(
    Guid Id, Uri Url, ScopeRef Scope, string Format, int IntervalSeconds, string Secret,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? DeletedAt);

/// <summary>What became of one attempt of a delivery.</summary>
public static class AttemptOutcome
{
    public const string Delivered = "delivered";
    /// <summary>Failed; another attempt is scheduled at NextAttemptAt.</summary>
    public const string Retrying = "retrying";
    /// <summary>Failed, and it was the last attempt allowed: the next change starts a new delivery.</summary>
    public const string Abandoned = "abandoned";
}

/// <summary>One line of the delivery log (append-only): one attempt of one delivery.</summary>
public sealed record WebhookAttempt(
    long Seq, Guid SubscriptionId, Guid DeliveryId, int Attempt, DateTimeOffset At, int? StatusCode, int DurationMs,
    string? Error, string Outcome, DateTimeOffset? NextAttemptAt, string StateHash);
