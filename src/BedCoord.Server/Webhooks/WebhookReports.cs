using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Webhooks;
using BedCoord.Exchange.Fhir;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Webhooks;
using BedCoord.Server.Exchange;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Options;
using Task = System.Threading.Tasks.Task;

namespace BedCoord.Server.Webhooks;

/// <summary>
/// Renders a scope's report in a subscription's format, from the same mappings as the read endpoints, and posts it signed.
/// The state fingerprint is the SHA-256 of the scope's Summary with children as the JSON API writes it: every format is
/// made from that state, and it has no generation time in it.
/// </summary>
public sealed class WebhookReports(FhirContext fhir, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IOptions<WebhookOptions> options,
    TimeProvider clock) : IWebhookSender, IDisposable
{
    public const string DeliveryHeader = "X-BedCoord-Delivery";
    public const string AttemptHeader = "X-BedCoord-Attempt";
    public const string SubscriptionHeader = "X-BedCoord-Subscription";
    public const string ScopeHeader = "X-BedCoord-Scope";

    // Redirects are not followed: a subscription posts to the address it was registered with, nowhere else.
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { UserAgent = { new ProductInfoHeaderValue("BedCoord-Webhooks", "1") } },
    };

    public void Dispose() => _http.Dispose();

    public async Task<string> FingerprintAsync(WebhookSubscription subscription) => Hash(await StateAsync(subscription));

    public async Task<WebhookPayload> RenderAsync(WebhookSubscription subscription, DateTimeOffset now)
    {
        var state = await StateAsync(subscription);
        var body = subscription.Format switch
        {
            WebhookFormat.Fhir => Encoding.UTF8.GetBytes(FhirFormat.Serialize(MeasureReports(state.Summary, now), FhirWireFormat.Json)),
            WebhookFormat.Have => Encoding.UTF8.GetBytes(await HaveExportEndpoints.DocumentTextAsync(fhir.Territory.Current, fhir.Grains, subscription.Scope)),
            _ => state.Json,
        };
        return new WebhookPayload(body, WebhookFormat.ContentType(subscription.Format), Hash(state));
    }

    public async Task<AttemptResult> SendAsync(WebhookSubscription subscription, WebhookPayload payload, Guid deliveryId, int attempt)
    {
        var timeout = options.Value.Timeout;
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(payload.Body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(payload.ContentType);
        request.Headers.Add(DeliveryHeader, deliveryId.ToString());
        request.Headers.Add(AttemptHeader, attempt.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SubscriptionHeader, subscription.Id.ToString());
        request.Headers.Add(ScopeHeader, WebhookInput.Describe(subscription.Scope));
        // Signed at each attempt: the timestamp is the attempt's, so a receiver's replay window holds for retries too.
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(subscription.Secret, clock.GetUtcNow().ToUnixTimeSeconds(), payload.Body));
        var watch = Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            return new AttemptResult((int)response.StatusCode, watch.Elapsed,
                RetrySchedule.IsSuccess((int)response.StatusCode) ? null : $"Réponse {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            return new AttemptResult(null, watch.Elapsed, $"Pas de réponse après {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException e)
        {
            return new AttemptResult(null, watch.Elapsed, $"Connexion impossible : {e.Message}");
        }
    }

    private Bundle MeasureReports(Summary summary, DateTimeOffset now)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = now, Id = Guid.NewGuid().ToString() };
        foreach (var report in MeasureReportMap.ToFhir(summary, now, fhir.Codes))
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{Guid.NewGuid()}", Resource = report });
        return bundle;
    }

    private async Task<(Summary Summary, byte[] Json)> StateAsync(WebhookSubscription subscription)
    {
        var summary = await fhir.Grains.Scope(subscription.Scope).GetSummary(true);
        return (summary, JsonSerializer.SerializeToUtf8Bytes(summary, json.Value.SerializerOptions));
    }

    private static string Hash((Summary Summary, byte[] Json) state) => Convert.ToHexStringLower(SHA256.HashData(state.Json));
}
