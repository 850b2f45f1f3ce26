using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests.Webhooks;

/// <summary>A server whose webhook bounds let a test see coalescing and retries in seconds, not minutes.</summary>
public sealed class WebhookServerFixture(PostgresFixture postgres) : ServerFixture(postgres)
{
    public static readonly IDictionary<string, string> Fast = new Dictionary<string, string>
    {
        ["Webhooks:MinIntervalSeconds"] = "1",
        ["Webhooks:SettleSeconds"] = "0.3",
        ["Webhooks:RetryBaseSeconds"] = "0.5",
        ["Webhooks:MaxAttempts"] = "3",
        ["Webhooks:TimeoutSeconds"] = "3",
    };

    protected override IDictionary<string, string>? Settings => Fast;
}

/// <summary>What the webhook tests do through the public API: subscribe, change a unit, read the log.</summary>
public static class WebhookTestKit
{
    public const string Secret = "test-secret-0123456789abcdef";

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> SubscribeAsync(this HttpClient http, object body)
    {
        var response = await http.PostAsJsonAsync("/api/webhooks", body);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response, json);
    }

    public static async Task<string> SubscribeOkAsync(this HttpClient http, Uri url, string scope, string format, int interval, string? secret = Secret)
    {
        var (response, body) = await http.SubscribeAsync(new { url = url.AbsoluteUri, scope, format, intervalSeconds = interval, secret });
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetString()!;
    }

    /// <summary>The first establishment of a département and a unit of it with beds.</summary>
    public static async Task<(string Finess, string Unit)> UnitInAsync(this HttpClient http, string department, int index = 0)
    {
        var dept = await http.GetJsonAsync($"/api/departments/{department}");
        var finess = dept.GetProperty("children")[index].GetProperty("id").GetString()!;
        var est = await http.GetJsonAsync($"/api/establishments/{finess}");
        var unit = est.GetProperty("children").EnumerateArray().First(u => u.Int("beds", "installed") >= 10);
        return (finess, unit.GetProperty("id").GetString()!);
    }

    /// <summary>Sets the unit's occupied beds (its other figures kept, nothing reserved) and answers the count set.</summary>
    public static async Task<int> SetOccupiedAsync(this HttpClient http, string finess, string unit, int occupied)
    {
        var path = $"/api/establishments/{finess}/units/{unit}";
        var u = await http.GetJsonAsync(path);
        var (installed, closed, surge) = (u.Int("beds", "installed"), u.Int("beds", "closed"), u.Int("beds", "surge"));
        var count = Math.Min(occupied, installed - closed + surge);
        var response = await http.PutJsonAsync(path + "/beds", Json.Beds(installed, closed, surge, count, 0, 0));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return count;
    }

    public static async Task<JsonElement> DeliveriesAsync(this HttpClient http, string id, string query = "") =>
        await http.GetJsonAsync($"/api/webhooks/{id}/deliveries{query}");

    /// <summary>The receiver's check, written from the documented scheme rather than with the server's code.</summary>
    public static bool SignatureHolds(WebhookReceiver.Received r, string secret)
    {
        var parts = r.Header("X-BedCoord-Signature").Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var t = long.Parse(parts["t"]);
        if (Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - t) > 300) return false;
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes($"{t}.").Concat(r.Body).ToArray());
        return CryptographicOperations.FixedTimeEquals(mac, Convert.FromHexString(parts["v1"]));
    }
}
