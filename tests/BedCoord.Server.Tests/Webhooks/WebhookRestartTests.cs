using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests.Webhooks;

/// <summary>
/// A delivery interrupted by a crash is not lost: after the restart, the subscription's scope differs from the last state
/// delivered, so its current report goes out (the pending state is recomputed from the delivery log, not stored).
/// </summary>
public sealed class WebhookRestartTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_delivery_being_retried_when_the_server_is_killed_goes_out_after_the_restart()
    {
        var db = await postgres.CreateSeededDatabaseAsync();
        var settings = new Dictionary<string, string>(WebhookServerFixture.Fast)
        {
            ["Webhooks:MaxAttempts"] = "1000", // still retrying when the server dies
            ["Webhooks:RetryMaxDelaySeconds"] = "1",
        };
        await using var receiver = await WebhookReceiver.StartAsync(Enumerable.Repeat(503, 10_000).ToArray());
        string id, unit;
        int occupied;
        await using (var first = await ServerProcess.StartAsync(db, settings))
        {
            using var supervisor = await first.ClientAsync("supervisor");
            (var finess, unit) = await supervisor.UnitInAsync("82");
            id = await supervisor.SubscribeOkAsync(receiver.Url, $"establishment/{finess}", "json", 1);
            occupied = await supervisor.SetOccupiedAsync(finess, unit, 9);
            await receiver.WaitAsync(r => r.Count >= 3, TimeSpan.FromSeconds(30));
            first.Kill();
            Assert.All(receiver.All, r => Assert.Equal(503, r.Answered));
        }
        var beforeRestart = receiver.All.Count;
        receiver.AnswerNext();

        await using var second = await ServerProcess.StartAsync(db, settings);
        var received = await receiver.WaitAsync(r => r.Skip(beforeRestart).Any(d => d.Answered == 200), TimeSpan.FromSeconds(60));
        var delivered = received.Skip(beforeRestart).First(d => d.Answered == 200);
        Assert.True(WebhookTestKit.SignatureHolds(delivered, WebhookTestKit.Secret));
        using var body = JsonDocument.Parse(delivered.Body);
        Assert.Equal(occupied, body.RootElement.Child(unit).Int("beds", "occupied"));

        using var admin = await second.ClientAsync("admin");
        var log = await Eventually.ValueAsync(() => admin.DeliveriesAsync(id),
            l => l.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("outcome").GetString() == "delivered"), TimeSpan.FromSeconds(10));
        var outcomes = log.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("outcome").GetString()).ToList();
        Assert.Equal("delivered", outcomes[0]);
        Assert.Contains("retrying", outcomes);
    }
}
