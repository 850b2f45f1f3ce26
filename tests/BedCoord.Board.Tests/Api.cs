using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BedCoord.Board.Tests;

/// <summary>The API as a second, independent witness of what the board should show.</summary>
public static partial class Api
{
    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> PutBedsAsync(this HttpClient http, string finess, string unitId, Beds beds)
    {
        var response = await PutBedsRawAsync(http, finess, unitId, beds);
        Assert.True(response.IsSuccessStatusCode, $"PUT {finess}/{unitId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> PutBedsRawAsync(this HttpClient http, string finess, string unitId, Beds beds) =>
        http.PutAsync($"/api/establishments/{finess}/units/{unitId}/beds",
            new StringContent(JsonSerializer.Serialize(beds, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"));

    public static int Available(this JsonElement summary) => summary.GetProperty("beds").GetProperty("available").GetInt32();
    public static int Level(this JsonElement summary) => summary.GetProperty("level").GetInt32();
    public static string Id(this JsonElement summary) => summary.GetProperty("id").GetString()!;
    public static string Name(this JsonElement summary) => summary.GetProperty("name").GetString()!;
    public static IEnumerable<JsonElement> Children(this JsonElement summary) => summary.GetProperty("children").EnumerateArray();
    public static JsonElement Child(this JsonElement summary, string id) => summary.Children().Single(c => c.Id() == id);

    public static Beds BedsOf(this JsonElement unit)
    {
        var b = unit.GetProperty("beds");
        int I(string n) => b.GetProperty(n).GetInt32();
        return new Beds(I("installed"), I("closed"), I("surge"), I("occupied"), I("reserved"), I("expectedDischarges"));
    }

    /// <summary>"5 183" (fr-FR, narrow no-break space) -> "5183": the board formats, the API does not.</summary>
    public static string Digits(string text) => NonDigits().Replace(text, "");

    [GeneratedRegex(@"\D")]
    private static partial Regex NonDigits();
}

public sealed record Beds(int Installed, int Closed, int Surge, int Occupied, int Reserved, int ExpectedDischarges)
{
    [System.Text.Json.Serialization.JsonIgnore] public int Open => Installed - Closed + Surge;
    [System.Text.Json.Serialization.JsonIgnore] public int Available => Open - Occupied - Reserved;
}

public static class Shown
{
    /// <summary>
    /// Matches a number as the board prints it (fr-FR thousands separators), comparing digits only, so that
    /// Playwright's auto-waiting assertions can wait for a figure to change.
    /// </summary>
    public static System.Text.RegularExpressions.Regex Number(int value) =>
        new("^\\s*" + (value < 0 ? "[-−]" : "") + string.Join("\\D?", Math.Abs(value).ToString().ToCharArray()) + "\\s*$");
}
