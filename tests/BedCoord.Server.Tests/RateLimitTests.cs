using System.Net;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>
/// A client flooding the API (default limits: 50 requests/s per caller, bursts of 200) is slowed down with
/// 429 while another caller keeps working, and the refused writes change nothing.
/// </summary>
public sealed class RateLimitTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Finess = "310780259";

    [Fact]
    public async Task A_flooding_client_gets_429_and_changes_nothing_while_others_keep_working()
    {
        var server = fixture.Server;
        using var flooder = await server.ClientAsync("bed-manager", establishments: [Finess], sub: "flooder");
        using var bystander = await server.ClientAsync("viewer", sub: "bystander");
        var unit = (await flooder.GetJsonAsync($"/api/establishments/{Finess}")).GetProperty("children")[0];
        var path = $"/api/establishments/{Finess}/units/{unit.GetProperty("id").GetString()}";
        var installed = unit.Int("beds", "installed");
        var versionBefore = long.Parse((await flooder.GetAsync(path, TestContext.Current.CancellationToken)).Headers.ETag!.Tag.Trim('"'));

        // 600 writes, 32 at a time: far beyond the burst of 200 and 50/s.
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refusal = null;
        var bystanderStatuses = new List<HttpStatusCode>();
        var flood = Parallel.ForEachAsync(Enumerable.Range(0, 600), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
        {
            var response = await flooder.PutJsonAsync(path + "/beds", Json.Beds(installed, 0, 0, i % (installed + 1), 0, i));
            lock (statuses) statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) Interlocked.CompareExchange(ref refusal, response, null);
        });
        while (!flood.IsCompleted)
        {
            bystanderStatuses.Add((await bystander.GetAsync($"/api/establishments/{Finess}", TestContext.Current.CancellationToken)).StatusCode);
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        await flood;

        var accepted = statuses.Count(s => s == HttpStatusCode.OK);
        var throttled = statuses.Count(s => s == HttpStatusCode.TooManyRequests);
        Assert.Equal(600, accepted + throttled);
        Assert.True(throttled > 0, "a flood of 600 writes was never slowed down");
        Assert.NotNull(refusal);
        Assert.Equal("application/problem+json", refusal.Content.Headers.ContentType?.MediaType);
        Assert.True(refusal.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 without Retry-After");
        Assert.Contains("requêtes", (await refusal.ProblemAsync()).GetProperty("detail").GetString());

        Assert.NotEmpty(bystanderStatuses);
        Assert.All(bystanderStatuses, s => Assert.Equal(HttpStatusCode.OK, s));

        // Only the accepted writes happened: the unit's version moved by exactly their number.
        var versionAfter = long.Parse((await bystander.GetAsync(path, TestContext.Current.CancellationToken)).Headers.ETag!.Tag.Trim('"'));
        Assert.Equal(versionBefore + accepted, versionAfter);

        // Once the bucket refills, the same caller is served again.
        await Task.Delay(TimeSpan.FromSeconds(refusal.Headers.RetryAfter!.Delta!.Value.TotalSeconds + 1), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await flooder.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
    }
}
