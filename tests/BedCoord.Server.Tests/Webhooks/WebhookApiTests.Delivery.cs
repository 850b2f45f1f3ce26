// The SDK's POCOs make every element nullable; these tests walk what the server just sent.
#nullable disable warnings
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using BedCoord.Exchange;
using BedCoord.Exchange.Codes;
using BedCoord.Exchange.Fhir;
using BedCoord.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace BedCoord.Server.Tests.Webhooks;

/// <summary>
/// Subscriptions deliver: a unit update reaches a local receiver as the scope's report in the asked format, signed;
/// quick updates are coalesced; a failing receiver gets retries, all logged; a deleted subscription sends nothing more.
/// Each test watches its own département so that the others' updates do not reach its receiver.
/// </summary>
public sealed partial class WebhookApiTests(WebhookServerFixture fixture) : IClassFixture<WebhookServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task A_unit_update_reaches_each_format_signed_with_the_scopes_current_report()
    {
        using var supervisor = await Server.ClientAsync("supervisor");
        var (finess, unit) = await supervisor.UnitInAsync("09");
        await using var json = await WebhookReceiver.StartAsync();
        await using var fhir = await WebhookReceiver.StartAsync();
        await using var have = await WebhookReceiver.StartAsync();
        await supervisor.SubscribeOkAsync(json.Url, $"establishment/{finess}", "json", 1);
        var (_, answer) = await supervisor.SubscribeAsync(new { url = fhir.Url.AbsoluteUri, scope = "department:09", format = "fhir", intervalSeconds = 1 });
        var generated = answer.GetProperty("secret").GetString();
        Assert.StartsWith("whsec_", generated);
        await supervisor.SubscribeOkAsync(have.Url, "department/09", "have", 1);

        var occupied = await supervisor.SetOccupiedAsync(finess, unit, 7);

        // JSON: the establishment's Summary with children, exactly as GET /api/establishments/{finess} answers it.
        var jsonDelivery = (await json.WaitAsync(r => r.Any(d => UnitOccupied(d, unit) == occupied), Patience)).Last();
        Assert.Equal(occupied, UnitOccupied(jsonDelivery, unit));
        Assert.True(WebhookTestKit.SignatureHolds(jsonDelivery, WebhookTestKit.Secret));
        Assert.StartsWith("application/json", jsonDelivery.Header("Content-Type"));
        Assert.True(Guid.TryParse(jsonDelivery.Header("X-BedCoord-Delivery"), out _));
        Assert.Equal(($"establishment/{finess}", "1"), (jsonDelivery.Header("X-BedCoord-Scope"), jsonDelivery.Header("X-BedCoord-Attempt")));
        var current = JsonNode.Parse((await supervisor.GetJsonAsync($"/api/establishments/{finess}")).GetRawText());
        Assert.True(JsonNode.DeepEquals(current, JsonNode.Parse(jsonDelivery.Body)), "the body is the establishment's current summary");

        // FHIR: a Bundle of the département's SANER reports; the BedCoord measure carries the département's figures.
        await supervisor.ReachedRegionAsync(finess);
        var department = await supervisor.GetJsonAsync("/api/departments/09");
        var codes = new BedCoordCodes(new ExchangeOptions().CanonicalBase);
        var fhirDelivery = (await fhir.WaitAsync(r => r.Any(d => Beds(d, codes)?.Occupied == department.Int("beds", "occupied")), Patience)).Last();
        Assert.True(WebhookTestKit.SignatureHolds(fhirDelivery, generated));
        Assert.False(WebhookTestKit.SignatureHolds(fhirDelivery, WebhookTestKit.Secret), "signed with its own subscription's secret");
        Assert.StartsWith("application/fhir+json", fhirDelivery.Header("Content-Type"));
        var bundle = Assert.IsType<Bundle>(FhirFormat.TryParse(fhirDelivery.Text, FhirWireFormat.Json, out var error));
        Assert.Null(error);
        Assert.Equal(Bundle.BundleType.Collection, bundle.Type);
        var reports = bundle.Entry.Select(e => Assert.IsType<MeasureReport>(e.Resource)).ToList();
        Assert.Equal([SanerCodes.CdcMeasure, codes.CapacityMeasure], reports.Select(r => r.Measure));
        Assert.All(reports, r => Assert.Equal("Location/department-09", r.Subject.Reference));
        var available = reports[1].Group[0].Population.Single(p => p.Code.Coding.Any(c => c.Code == "available")).Count;
        Assert.Equal(department.Int("beds", "available"), available);

        // HAVE: the same document as the export of the département, one Hospital per establishment.
        var export = await supervisor.GetStringAsync("/api/exports/have?scope=department/09", TestContext.Current.CancellationToken);
        var haveDelivery = (await have.WaitAsync(r => r.Any(d => d.Text == export), Patience)).Last();
        Assert.Equal(export, haveDelivery.Text);
        Assert.True(WebhookTestKit.SignatureHolds(haveDelivery, WebhookTestKit.Secret));
        Assert.StartsWith("application/xml", haveDelivery.Header("Content-Type"));
        var xml = XDocument.Parse(haveDelivery.Text);
        XNamespace ns = "urn:oasis:names:tc:emergency:EDXL:HAVE:1.0";
        Assert.Equal(ns + "HospitalStatus", xml.Root!.Name);
        Assert.Equal(department.GetProperty("children").GetArrayLength(), xml.Root.Elements(ns + "Hospital").Count());
        Assert.Contains(xml.Descendants().Attributes().Where(a => a.Name.LocalName == "ID"), a => a.Value == finess);
    }

    [Fact]
    public async Task Quick_updates_within_the_interval_give_one_delivery_with_the_latest_figures()
    {
        using var supervisor = await Server.ClientAsync("supervisor");
        var (finess, unit) = await supervisor.UnitInAsync("46");
        await using var receiver = await WebhookReceiver.StartAsync();
        await supervisor.SubscribeOkAsync(receiver.Url, $"establishment/{finess}", "json", 4);
        // A new subscription receives the current state at once.
        var first = Assert.Single(await receiver.WaitAsync(r => r.Count >= 1, Patience));

        var latest = 0;
        foreach (var n in new[] { 3, 4, 5 }) latest = await supervisor.SetOccupiedAsync(finess, unit, n);

        var received = await receiver.WaitAsync(r => r.Count >= 2, Patience);
        await Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken); // longer than the interval: a second, late delivery would show now
        received = receiver.All;
        Assert.Equal(2, received.Count);
        Assert.Equal(latest, UnitOccupied(received[1], unit));
        Assert.True(received[1].At - first.At >= TimeSpan.FromSeconds(3.5), $"only {(received[1].At - first.At).TotalSeconds:0.0} s after the first delivery");
        Assert.NotEqual(first.Header("X-BedCoord-Delivery"), received[1].Header("X-BedCoord-Delivery"));
    }

    [Fact]
    public async Task A_receiver_answering_500_gets_a_retry_of_the_same_delivery_and_the_log_shows_both_attempts()
    {
        using var supervisor = await Server.ClientAsync("supervisor");
        var (finess, _) = await supervisor.UnitInAsync("48");
        await using var receiver = await WebhookReceiver.StartAsync(500);
        var id = await supervisor.SubscribeOkAsync(receiver.Url, $"establishment/{finess}", "json", 1);

        var received = await receiver.WaitAsync(r => r.Count >= 2, Patience);
        Assert.Equal([500, 200], received.Take(2).Select(r => r.Answered));
        Assert.Equal(["1", "2"], received.Take(2).Select(r => r.Header("X-BedCoord-Attempt")));
        Assert.Equal(received[0].Header("X-BedCoord-Delivery"), received[1].Header("X-BedCoord-Delivery"));
        Assert.Equal(received[0].Body, received[1].Body);
        Assert.All(received, r => Assert.True(WebhookTestKit.SignatureHolds(r, WebhookTestKit.Secret)));

        var log = await Eventually.ValueAsync(() => supervisor.DeliveriesAsync(id), l => l.GetProperty("items").GetArrayLength() >= 2, Patience);
        var items = log.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([("delivered", 2, 200), ("retrying", 1, 500)],
            items.Select(i => (i.GetProperty("outcome").GetString(), i.Int("attempt"), i.Int("statusCode"))));
        Assert.NotEqual(JsonValueKind.Null, items[1].GetProperty("nextAttemptAt").ValueKind);
        Assert.Contains("500", items[1].GetProperty("error").GetString());
        Assert.Equal(received[0].Header("X-BedCoord-Delivery"), items[0].GetProperty("deliveryId").GetString());

        // Paged, newest first.
        var page1 = await supervisor.DeliveriesAsync(id, "?limit=1");
        Assert.Equal(2, page1.GetProperty("items")[0].Int("attempt"));
        var next = page1.GetProperty("nextBefore").GetInt64();
        var page2 = await supervisor.DeliveriesAsync(id, $"?limit=1&before={next}");
        Assert.Equal(1, page2.GetProperty("items")[0].Int("attempt"));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("nextBefore").ValueKind);
    }

    [Fact]
    public async Task A_receiver_that_refuses_connections_is_tried_a_bounded_number_of_times_then_abandoned()
    {
        using var supervisor = await Server.ClientAsync("supervisor");
        var (finess, _) = await supervisor.UnitInAsync("48", 1);
        var closed = new Uri($"http://127.0.0.1:{FreePorts.Next()}/hook"); // nobody listens there
        var id = await supervisor.SubscribeOkAsync(closed, $"establishment/{finess}", "json", 1);

        var log = await Eventually.ValueAsync(() => supervisor.DeliveriesAsync(id),
            l => l.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("outcome").GetString() == "abandoned"), Patience);
        var items = log.GetProperty("items").EnumerateArray().Reverse().ToList();
        Assert.Equal([("retrying", 1), ("retrying", 2), ("abandoned", 3)], items.Select(i => (i.GetProperty("outcome").GetString(), i.Int("attempt"))));
        Assert.All(items, i => Assert.Equal(JsonValueKind.Null, i.GetProperty("statusCode").ValueKind));
        Assert.All(items, i => Assert.StartsWith("Connexion impossible", i.GetProperty("error").GetString()));
        // The backoff doubles (0.5 s, then 1 s), and no attempt starts before the time the log announced for it.
        var at = items.Select(i => i.GetProperty("at").GetDateTimeOffset()).ToList();
        var next = items.Take(2).Select(i => i.GetProperty("nextAttemptAt").GetDateTimeOffset()).ToList();
        var waits = new[] { next[0] - at[0], next[1] - at[1] };
        Assert.True(waits[0] >= TimeSpan.FromSeconds(0.5) && waits[1] >= TimeSpan.FromSeconds(1) && waits[1] > waits[0], string.Join(", ", waits));
        Assert.True(at[1] >= next[0] && at[2] >= next[1], string.Join(", ", at.Concat(next)));
    }

    [Fact]
    public async Task After_a_delete_no_delivery_goes_out_and_the_log_stays_readable()
    {
        using var supervisor = await Server.ClientAsync("supervisor");
        var (finess, unit) = await supervisor.UnitInAsync("32");
        await using var receiver = await WebhookReceiver.StartAsync();
        var id = await supervisor.SubscribeOkAsync(receiver.Url, $"establishment/{finess}", "json", 1);
        await receiver.WaitAsync(r => r.Count >= 1, Patience);
        await supervisor.SetOccupiedAsync(finess, unit, 6);
        await receiver.WaitAsync(r => r.Count >= 2, Patience);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await supervisor.DeleteAsync($"/api/webhooks/{id}", TestContext.Current.CancellationToken)).StatusCode);
        var before = receiver.All.Count;
        await supervisor.SetOccupiedAsync(finess, unit, 8);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken); // settle + interval, twice over
        Assert.Equal(before, receiver.All.Count);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/webhooks/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.DoesNotContain(await supervisor.GetFromJsonAsync<JsonElement[]>("/api/webhooks", TestContext.Current.CancellationToken), w => w.GetProperty("id").GetString() == id);
        Assert.True((await supervisor.DeliveriesAsync(id)).GetProperty("items").GetArrayLength() >= 2);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await supervisor.DeleteAsync($"/api/webhooks/{id}", TestContext.Current.CancellationToken)).StatusCode);
    }

    private static int? UnitOccupied(WebhookReceiver.Received delivery, string unit)
    {
        using var doc = JsonDocument.Parse(delivery.Body);
        return doc.RootElement.GetProperty("children").EnumerateArray().FirstOrDefault(c => c.GetProperty("id").GetString() == unit) is { ValueKind: JsonValueKind.Object } u
            ? u.Int("beds", "occupied") : null;
    }

    private static Domain.Beds.BedFigures? Beds(WebhookReceiver.Received delivery, BedCoordCodes codes)
    {
        if (FhirFormat.TryParse(delivery.Text, FhirWireFormat.Json, out _) is not Bundle bundle) return null;
        var report = bundle.Entry.Select(e => e.Resource).OfType<MeasureReport>().FirstOrDefault(r => r.Measure == codes.CapacityMeasure);
        return report is null ? null : MeasureReportMap.ReadBedCoordMeasure(report, codes).Beds;
    }
}
