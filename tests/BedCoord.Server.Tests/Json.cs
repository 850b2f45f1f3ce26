using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BedCoord.Server.Tests;

/// <summary>Reads answers as JSON documents so tests check the public contract, not our .NET types.</summary>
public static class Json
{
    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient http, string path, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return http.SendAsync(request);
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Every establishment id of the territory, in the order the territory lists them.</summary>
    public static async Task<List<string>> EstablishmentIdsAsync(this HttpClient http) =>
        (await http.GetJsonAsync("/api/territory")).GetProperty("regions").EnumerateArray()
            .SelectMany(r => r.GetProperty("sectors").EnumerateArray())
            .SelectMany(s => s.GetProperty("departments").EnumerateArray())
            .SelectMany(d => d.GetProperty("establishments").EnumerateArray())
            .Select(e => e.GetProperty("id").GetString()!)
            .ToList();

    public static int Available(this JsonElement summary) => summary.GetProperty("beds").GetProperty("available").GetInt32();
    public static int Int(this JsonElement e, params string[] path) => path.Aggregate(e, (x, p) => x.GetProperty(p)).GetInt32();
    public static JsonElement Child(this JsonElement summary, string id) =>
        summary.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);

    public static string Beds(int installed, int closed, int surge, int occupied, int reserved, int discharges) =>
        $$"""{"installed":{{installed}},"closed":{{closed}},"surge":{{surge}},"occupied":{{occupied}},"reserved":{{reserved}},"expectedDischarges":{{discharges}}}""";
}
