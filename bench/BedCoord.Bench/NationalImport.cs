using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;

namespace BedCoord.Bench;

/// <summary>The national file posted to `POST /api/admin/territory` one region at a time, as the benches load it.</summary>
public static class NationalImport
{
    private const int Attempts = 5;

    /// <summary>
    /// One POST per region (the import merges, so the regions add up): one file of 60,000 units in one request had the
    /// territory grain time out on the 2-core machine under load (503) and left the regions' counts short. A 503 is
    /// retried: re-importing is idempotent (units already initialised keep their state). Each region's outcome is
    /// printed under <paramref name="tag"/>.
    /// </summary>
    public static async Task PerRegionAsync(HttpClient importer, byte[] document, string tag)
    {
        using var doc = JsonDocument.Parse(document);
        foreach (var region in doc.RootElement.GetProperty("regions").EnumerateArray())
        {
            var id = region.GetProperty("id").GetString();
            var body = System.Text.Encoding.UTF8.GetBytes($"{{\"regions\":[{region.GetRawText()}]}}");
            for (var attempt = 1; ; attempt++)
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var started = Stopwatch.GetTimestamp();
                using var response = await importer.PostAsync("/api/admin/territory", content);
                var answer = await response.Content.ReadAsStringAsync();
                var took = Stopwatch.GetElapsedTime(started).TotalSeconds;
                if (response.IsSuccessStatusCode)
                {
                    Console.WriteLine($"[{tag}]   {id}: {took:F1} s {answer}");
                    break;
                }
                if ((int)response.StatusCode != 503 || attempt == Attempts)
                    throw new InvalidOperationException($"import answered {(int)response.StatusCode}: {answer}");
                Console.WriteLine($"[{tag}]   {id}: 503 after {took:F1} s (attempt {attempt}), retrying");
                await Task.Delay(2000);
            }
        }
    }
}
