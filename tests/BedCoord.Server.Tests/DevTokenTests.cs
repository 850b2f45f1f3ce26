using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>Development tokens outlive a restart (the key is kept in the database) and expire when asked to.</summary>
public sealed class DevTokenTests(DevTokenTests.StoredKeyServerFixture fixture, PostgresFixture postgres) : IClassFixture<DevTokenTests.StoredKeyServerFixture>
{
    // No configured key: the server keeps its own in the database. No demo: these tests only need the API to answer.
    private static readonly Dictionary<string, string> StoredKey = new() { ["Auth:SigningKey"] = "", ["Demo:Seed"] = "false" };

    /// <summary>A server that keeps its own key in its own (empty) database, shared by the tests that need just one.</summary>
    public sealed class StoredKeyServerFixture(PostgresFixture postgres) : ServerFixture(postgres)
    {
        protected override IDictionary<string, string>? Settings => StoredKey;
    }

    [Fact]
    public async Task A_token_issued_before_a_restart_is_still_accepted_after_it()
    {
        var database = await postgres.CreateDatabaseAsync();
        string token;
        await using (var first = await ServerProcess.StartAsync(database, StoredKey))
        {
            token = await first.TokenAsync("viewer");
            Assert.Equal(HttpStatusCode.OK, (await Get(first, token, "/api/territory")).StatusCode);
        }

        await using var second = await ServerProcess.StartAsync(database, StoredKey);
        Assert.Equal(HttpStatusCode.OK, (await Get(second, token, "/api/territory")).StatusCode);
        // And a server on another database (another key) refuses it: the check is real.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(fixture.Server, token, "/api/territory")).StatusCode);
    }

    [Fact]
    public async Task A_token_asked_for_ten_seconds_is_refused_once_they_are_over()
    {
        var server = fixture.Server;
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var issued = await http.PostAsJsonAsync("/api/dev/token", new { sub = "short", role = "viewer", region = "OCC", lifetimeSeconds = 10 },
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var token = body.GetProperty("token").GetString()!;
        var expiresAt = body.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(11));
        Assert.Equal(HttpStatusCode.OK, (await Get(server, token, "/api/territory")).StatusCode);

        // Validation allows 5 s of clock skew past the expiry.
        await Task.Delay(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(6), TestContext.Current.CancellationToken);
        var late = await Get(server, token, "/api/territory");
        Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);
        Assert.Contains("expiré", (await late.ProblemAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_lifetime_out_of_range_is_refused_naming_the_field()
    {
        var server = fixture.Server;
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var refused = await http.PostAsJsonAsync("/api/dev/token", new { sub = "x", role = "viewer", lifetimeSeconds = 5 },
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.ProblemAsync()).GetProperty("errors").TryGetProperty("lifetimeSeconds", out _));
    }

    private static async Task<HttpResponseMessage> Get(ServerProcess server, string token, string path)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.GetAsync(path);
    }
}
