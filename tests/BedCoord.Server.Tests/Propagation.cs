using System.Text.Json;

namespace BedCoord.Server.Tests;

/// <summary>
/// A write is acknowledged once it is durable and in its establishment; the département, sector and region hear of
/// it a few milliseconds later (docs/ARCHITECTURE.md, "Live push"). A test that reads those levels after a write
/// waits here until every level above the establishment holds the current summary of the level below it.
/// </summary>
public static class Propagation
{
    public static async Task ReachedRegionAsync(this HttpClient http, string finess, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        string? behind;
        while ((behind = await BehindAsync(http, $"/api/establishments/{finess}")) is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, $"establishment {finess} never reached its region: {behind}");
            await Task.Delay(20);
        }
    }

    // The first level whose parent does not hold its current revision yet; null once the region does.
    private static async Task<string?> BehindAsync(HttpClient http, string path)
    {
        var scope = await http.GetJsonAsync(path);
        while (ParentPath(scope) is { } parentPath)
        {
            var parent = await http.GetJsonAsync(parentPath);
            var id = scope.GetProperty("id").GetString();
            var revision = scope.GetProperty("revision").GetInt64();
            var held = parent.GetProperty("children").EnumerateArray()
                .Where(c => c.GetProperty("id").GetString() == id).Select(c => (long?)c.GetProperty("revision").GetInt64()).FirstOrDefault();
            if (held != revision) return $"{parentPath} holds revision {held?.ToString() ?? "none"} of {id}, which is at {revision}";
            scope = parent;
        }
        return null;
    }

    private static string? ParentPath(JsonElement scope) =>
        scope.TryGetProperty("parentId", out var p) && p.GetString() is { } parent
            ? scope.GetProperty("kind").GetString() switch
            {
                "establishment" => $"/api/departments/{parent}",
                "department" => $"/api/sectors/{parent}",
                "sector" => $"/api/regions/{parent}",
                _ => null,
            }
            : null;
}
