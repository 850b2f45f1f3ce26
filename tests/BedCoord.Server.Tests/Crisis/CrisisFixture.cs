using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests.Crisis;

/// <summary>A server whose overdue-measure and expiry scans run every second, so an overdue alert or an expiry shows within the test.</summary>
public sealed class CrisisFixture(PostgresFixture postgres) : ServerFixture(postgres)
{
    protected override IDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["Crisis:OverdueScanSeconds"] = "1",
        ["Crisis:ExpiryScanSeconds"] = "1",
        ["RateLimit:PermitsPerSecond"] = "1000",
        ["RateLimit:Burst"] = "1000",
    };
}

public static class CrisisHttp
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string path, string json) =>
        http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient http, string path, string json) =>
        http.PatchAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<JsonElement> CreatedAsync(this Task<HttpResponseMessage> send)
    {
        var response = await send;
        Assert.True((int)response.StatusCode == 201, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> OkAsync(this Task<HttpResponseMessage> send)
    {
        var response = await send;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The field names a 400 problem lists under "errors".</summary>
    public static async Task<string[]> InvalidFieldsAsync(this Task<HttpResponseMessage> send)
    {
        var response = await send;
        Assert.Equal(400, (int)response.StatusCode);
        var problem = await response.ProblemAsync();
        return problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();
    }

    public static async Task<(string Establishment, string Sector)> FirstEstablishmentAsync(this HttpClient http, string department, int index = 0)
    {
        var d = await http.GetJsonAsync($"/api/departments/{department}");
        return (d.GetProperty("children")[index].GetProperty("id").GetString()!, d.GetProperty("parentId").GetString()!);
    }
}
