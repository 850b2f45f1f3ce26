using BedCoord.Domain.Webhooks;
using BedCoord.Grains.Abstractions;
using BedCoord.Persistence.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BedCoord.Grains.Webhooks;

/// <summary>
/// Delivers one subscription: <see cref="DeliveryPlan"/> decides when, <see cref="RetrySchedule"/> how often to try again,
/// <see cref="IWebhookSender"/> renders and posts, the store keeps every attempt. One timer drives both the next delivery
/// and the next retry; nothing waits inside a turn but the HTTP call itself.
/// </summary>
public sealed class WebhookGrain(WebhookStore store, IWebhookSender sender, IOptions<WebhookOptions> options, TimeProvider clock,
    ILogger<WebhookGrain> log) : Grain, IWebhookGrain
{
    private WebhookSubscription? _subscription;
    private DeliveryPlan _plan = null!;
    private IGrainTimer? _timer;
    /// <summary>The state the last finished delivery carried (delivered, or given up on in this activation).</summary>
    private string? _settledHash;
    private (Guid DeliveryId, WebhookPayload Payload, int Attempt)? _retry;

    private DateTimeOffset Now => clock.GetUtcNow();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var subscription = await store.GetAsync(this.GetPrimaryKey(), cancellationToken);
        if (subscription is null || subscription.DeletedAt is not null) return;
        var settings = options.Value;
        _plan = new DeliveryPlan(TimeSpan.FromSeconds(subscription.IntervalSeconds), settings.Settle);
        var (lastStart, deliveredHash) = await store.LastAsync(subscription.Id, cancellationToken);
        _plan.Restore(lastStart);
        _settledHash = deliveredHash;
        // KeepAlive: a delivery due in an hour, or a retry in five minutes, must not be collected with the idle activation.
        _timer = this.RegisterGrainTimer(OnTimerAsync,
            new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        _subscription = subscription;
    }

    public Task ScopeChanged()
    {
        if (_subscription is not null) Arm(_plan.Changed(Now));
        return Task.CompletedTask;
    }

    public async Task Resume()
    {
        if (_subscription is not { } s || _plan.InFlight || _plan.PendingSince is not null) return;
        string? current;
        try { current = await sender.FingerprintAsync(s); }
        catch (Exception e)
        {
            // Right after a start the grid may not answer yet: when unsure, deliver (rendering retries until it can).
            log.LogDebug(e, "Webhook {Subscription}: state of {Scope} not read on resume", s.Id, s.Scope);
            current = null;
        }
        if (current is null || current != _settledHash) Arm(_plan.Changed(Now));
    }

    public Task Stop()
    {
        _subscription = null;
        _retry = null;
        _timer?.Dispose();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private void Arm(DateTimeOffset? due)
    {
        if (due is not { } at || _timer is null) return;
        var wait = at - Now;
        _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private async Task OnTimerAsync(CancellationToken _)
    {
        if (_subscription is not { } s) return;
        if (_retry is { } retry)
        {
            await AttemptAsync(s, retry.DeliveryId, retry.Payload, retry.Attempt);
            return;
        }
        var now = Now;
        if (!_plan.TryStart(now)) { Arm(_plan.Due()); return; }
        WebhookPayload payload;
        try { payload = await sender.RenderAsync(s, now); }
        catch (Exception e)
        {
            // The grid did not answer (a silo lost, storage down): try again one interval later, with the state of then.
            log.LogWarning(e, "Webhook {Subscription}: report of {Scope} not rendered", s.Id, s.Scope);
            _plan.Settled();
            Arm(_plan.Changed(Now));
            return;
        }
        await AttemptAsync(s, Guid.NewGuid(), payload, 1);
    }

    private async Task AttemptAsync(WebhookSubscription s, Guid deliveryId, WebhookPayload payload, int attempt)
    {
        var started = Now;
        var result = await sender.SendAsync(s, payload, deliveryId, attempt);
        if (_subscription is null) return; // deleted while the request was out: nothing more to do
        var delay = RetrySchedule.IsSuccess(result.StatusCode) ? null : options.Value.Retry.DelayAfter(attempt);
        var outcome = RetrySchedule.IsSuccess(result.StatusCode) ? AttemptOutcome.Delivered
            : delay is not null ? AttemptOutcome.Retrying : AttemptOutcome.Abandoned;
        var next = delay is { } d ? Now + d : (DateTimeOffset?)null;
        try
        {
            await store.AppendAttemptAsync(new WebhookAttempt(0, s.Id, deliveryId, attempt, started, result.StatusCode,
                (int)Math.Min(int.MaxValue, result.Duration.TotalMilliseconds), result.Error, outcome, next, payload.StateHash));
        }
        catch (Exception e)
        {
            // The delivery itself happened (or not) whatever the log says; a missing line is an operations incident.
            log.LogError(e, "Webhook {Subscription}: attempt {Attempt} of delivery {Delivery} not logged", s.Id, attempt, deliveryId);
        }
        if (delay is { } wait)
        {
            _retry = (deliveryId, payload, attempt + 1);
            _timer?.Change(wait, Timeout.InfiniteTimeSpan);
            return;
        }
        _retry = null;
        _settledHash = payload.StateHash;
        Arm(_plan.Settled());
    }
}
