using System.Globalization;
using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Webhooks;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.Webhooks;
using BedCoord.Server.Api;
using BedCoord.Server.Auth;
using BedCoord.Server.OpenApi;
using Microsoft.Extensions.Options;

namespace BedCoord.Server.Webhooks;

/// <summary>
/// /api/webhooks (issue 12 §4): subscriptions that push a scope's report to another system, and their delivery log.
/// Who may: admins anywhere, supervisors in their region, coordinators on their sectors and what is below them
/// (<see cref="WriteKind.Webhook"/>); the same rule for reading, listing and deleting a subscription.
/// </summary>
public static class WebhookEndpoints
{
    public const string Tag = "Webhooks";

    public static RouteGroupBuilder MapWebhookEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/webhooks", Create).WithName("createWebhook").WithTags(Tag)
            .WithSummary("Subscribe an address to a scope's report (fhir, have or json), signed, at most once per interval; the secret is answered once")
            .AcceptsJson<WebhookBody>(new { url = "https://sih.chu-exemple.fr/bedcoord/hook", scope = "department/31", format = "fhir", intervalSeconds = 60 })
            .Produces<WebhookAnswer>(StatusCodes.Status201Created).Refuses(400, 403);
        api.MapGet("/webhooks", List).WithName("listWebhooks").WithTags(Tag)
            .WithSummary("The subscriptions the caller may manage, oldest first (secrets are never shown)")
            .Produces<IReadOnlyList<WebhookAnswer>>().Refuses(403);
        api.MapGet("/webhooks/{id:guid}", Get).WithName("getWebhook").WithTags(Tag)
            .WithSummary("One subscription")
            .Produces<WebhookAnswer>().Refuses(403, 404);
        api.MapDelete("/webhooks/{id:guid}", Delete).WithName("deleteWebhook").WithTags(Tag)
            .WithSummary("Delete a subscription: no delivery starts afterwards; its delivery log stays")
            .Produces(StatusCodes.Status204NoContent).Refuses(403, 404);
        api.MapGet("/webhooks/{id:guid}/deliveries", Deliveries).WithName("listWebhookDeliveries").WithTags(Tag)
            .WithSummary("The delivery log of a subscription, one line per attempt, newest first, paged with `before`")
            .WithParameters(
                Param.Int("limit", "At most this many attempts", 1, 500, 50),
                new ParameterContract("before", Microsoft.OpenApi.ParameterLocation.Query, "Only attempts older than this seq (the previous page's nextBefore)")
                {
                    Type = Microsoft.OpenApi.JsonSchemaType.Integer, Format = "int64", Minimum = "1", Example = System.Text.Json.Nodes.JsonValue.Create(120),
                })
            .Produces<WebhookDeliveryPage>().Refuses(400, 403, 404);
        return api;
    }

    private static bool MayManageAny(Caller caller) => caller.Role is Roles.Admin or Roles.Supervisor or Roles.Coordinator;

    private static IResult NotAllowed(Caller caller) =>
        Problems.Forbidden($"Le rôle « {caller.Role} » ne permet pas de gérer des abonnements : administrateurs, superviseurs et coordinateurs seulement.");

    private static async Task<IResult> Create(HttpContext http, TerritoryCatalogHolder territory, WebhookStore store, WebhookDirectory directory,
        WriteGuard guard, IGrainFactory grains, IOptions<WebhookOptions> options, TimeProvider clock)
    {
        var caller = http.User.ToCaller();
        if (!MayManageAny(caller)) return NotAllowed(caller);
        var (body, error) = await JsonBody.ReadAsync(http.Request);
        if (error is not null) return error;
        using var _ = body;
        var errors = new FieldErrors();
        body!.RejectUnknown(WebhookInput.FieldNames, errors);
        var input = new WebhookInput(body.String("url", errors, WebhookInput.MaxUrlLength + 1), body.String("scope", errors, 100),
            body.String("format", errors, 20), body.Int("intervalSeconds", errors, required: false), body.String("secret", errors, WebhookInput.MaxSecretLength + 1));
        var valid = errors.IsEmpty ? input.Validate(options.Value, territory.Current, errors) : null;
        if (valid is null) return Problems.Invalid(errors);
        if (guard.Authorize(http, WriteKind.Webhook, valid.Scope) is { } forbidden) return forbidden;

        var subscription = new WebhookSubscription(Guid.NewGuid(), valid.Url, valid.Scope, valid.Format, valid.IntervalSeconds, valid.Secret,
            caller.Subject, clock.GetUtcNow(), null);
        await store.AddAsync(subscription, http.RequestAborted);
        await directory.ReloadAsync(http.RequestAborted);
        // The receiver gets the scope's current report at once (after the settle delay): it starts from a known state.
        await grains.GetGrain<IWebhookGrain>(subscription.Id).Resume();
        await guard.RecordAsync(http, "webhook.create", valid.Scope, null, WebhookAnswer.Of(subscription), subscription.CreatedAt);
        return Results.Created($"/api/webhooks/{subscription.Id}", WebhookAnswer.Of(subscription, valid.SecretGenerated ? valid.Secret : null));
    }

    private static async Task<IResult> List(HttpContext http, TerritoryCatalogHolder territory, WebhookStore store)
    {
        var caller = http.User.ToCaller();
        if (!MayManageAny(caller)) return NotAllowed(caller);
        var all = await store.ListActiveAsync(http.RequestAborted);
        return Results.Ok(all.Where(s => WritePolicy.Allows(caller, WriteKind.Webhook, s.Scope, territory.Current)).Select(s => WebhookAnswer.Of(s)).ToList());
    }

    private static async Task<IResult> Get(Guid id, HttpContext http, WebhookStore store, WriteGuard guard)
    {
        var (subscription, refusal) = await FindAsync(id, http, store, guard);
        return refusal ?? Results.Ok(WebhookAnswer.Of(subscription!));
    }

    private static async Task<IResult> Delete(Guid id, HttpContext http, WebhookStore store, WebhookDirectory directory, WriteGuard guard,
        IGrainFactory grains, TimeProvider clock)
    {
        var (subscription, refusal) = await FindAsync(id, http, store, guard);
        if (refusal is not null) return refusal;
        var now = clock.GetUtcNow();
        if (!await store.DeleteAsync(id, now, http.User.ToCaller().Subject, http.RequestAborted)) return Gone(id);
        await directory.ReloadAsync(http.RequestAborted);
        // Awaited: once the answer is out, no attempt starts (one already on the wire finishes and is logged).
        await grains.GetGrain<IWebhookGrain>(id).Stop();
        await guard.RecordAsync(http, "webhook.delete", subscription!.Scope, WebhookAnswer.Of(subscription), null, now);
        return Results.NoContent();
    }

    private static async Task<IResult> Deliveries(Guid id, string? limit, string? before, HttpContext http, WebhookStore store, WriteGuard guard)
    {
        var errors = new FieldErrors();
        var max = 50;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > 500))
            errors.Add("limit", "limit doit être un entier entre 1 et 500.");
        long? cursor = null;
        if (!string.IsNullOrEmpty(before))
        {
            if (long.TryParse(before, NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b >= 1) cursor = b;
            else errors.Add("before", "before doit être un entier positif (le nextBefore de la page précédente).");
        }
        if (!errors.IsEmpty) return Problems.Invalid(errors);
        var (_, refusal) = await FindAsync(id, http, store, guard, includeDeleted: true);
        if (refusal is not null) return refusal;
        // One more than asked tells whether another page exists without a count.
        var rows = await store.ListAttemptsAsync(id, cursor, max + 1, http.RequestAborted);
        var page = rows.Take(max).Select(WebhookDeliveryLine.Of).ToList();
        return Results.Ok(new WebhookDeliveryPage(page, rows.Count > max ? page[^1].Seq : null));
    }

    private static async Task<(WebhookSubscription? Subscription, IResult? Refusal)> FindAsync(Guid id, HttpContext http, WebhookStore store,
        WriteGuard guard, bool includeDeleted = false)
    {
        var caller = http.User.ToCaller();
        if (!MayManageAny(caller)) return (null, NotAllowed(caller));
        var subscription = await store.GetAsync(id, http.RequestAborted);
        if (subscription is null || (subscription.DeletedAt is not null && !includeDeleted)) return (null, Gone(id));
        if (guard.Authorize(http, WriteKind.Webhook, subscription.Scope) is { } forbidden) return (null, forbidden);
        return (subscription, null);
    }

    private static IResult Gone(Guid id) => Problems.NotFound($"Aucun abonnement {id}.");
}
