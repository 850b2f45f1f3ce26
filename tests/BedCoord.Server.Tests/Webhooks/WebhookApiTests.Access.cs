using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests.Webhooks;

/// <summary>Who may subscribe where, and what bad input is answered: 403 outside the caller's scope, 4xx naming the field.</summary>
public sealed partial class WebhookApiTests
{
    private static object Body(string scope = "department/31", string url = "https://sih.exemple.fr/hook", string format = "json") =>
        new { url, scope, format, intervalSeconds = 60 };

    [Fact]
    public async Task A_subscription_outside_the_callers_scope_is_refused_and_nothing_is_stored()
    {
        using var coordinator = await Server.ClientAsync("coordinator", sectors: ["SUD"], sub: "coord-sud");
        using var manager = await Server.ClientAsync("bed-manager", establishments: ["090000183"]);
        using var otherRegion = await Server.ClientAsync("supervisor", region: "IDF");

        // Other tests of this class subscribe in the same sector: this one knows its own by their URL.
        var url = $"https://sih.exemple.fr/hook/{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Created, (await coordinator.SubscribeAsync(Body("department/09", url))).Response.StatusCode);
        foreach (var (client, scope) in new[] { (coordinator, "region/OCC"), (coordinator, "sector/NORD"), (manager, "establishment/090000183"), (otherRegion, "department/09") })
        {
            var (response, body) = await client.SubscribeAsync(Body(scope, url));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{scope}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        var all = await coordinator.GetFromJsonAsync<JsonElement[]>("/api/webhooks", TestContext.Current.CancellationToken) ?? [];
        var listed = all.Where(w => w.GetProperty("url").GetString() == url).ToArray();
        Assert.Equal(["department/09"], listed.Select(w => w.GetProperty("scope").GetString()));
        Assert.All(listed, w => Assert.False(w.TryGetProperty("secret", out _), "a secret is shown at creation only"));
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/webhooks", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_coordinator_cannot_read_delete_or_page_a_subscription_of_another_sector()
    {
        using var supervisor = await Server.ClientAsync("supervisor");
        using var coordinator = await Server.ClientAsync("coordinator", sectors: ["SUD"]);
        var id = (await supervisor.SubscribeAsync(Body("sector/NORD"))).Body.GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"/api/webhooks/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.DeleteAsync($"/api/webhooks/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync($"/api/webhooks/{id}/deliveries", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/webhooks/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/webhooks/{Guid.NewGuid()}", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("""{"url":"/relative","scope":"department/31","format":"json"}""", "url")]
    [InlineData("""{"url":"ftp://files.exemple.fr/x","scope":"department/31","format":"json"}""", "url")]
    [InlineData("""{"url":"https://a.fr/x","scope":"department/99","format":"json"}""", "scope")]
    [InlineData("""{"url":"https://a.fr/x","scope":"unit/31","format":"json"}""", "scope")]
    [InlineData("""{"url":"https://a.fr/x","scope":"department/31","format":"csv"}""", "format")]
    [InlineData("""{"url":"https://a.fr/x","scope":"department/31","format":"json","intervalSeconds":0}""", "intervalSeconds")]
    [InlineData("""{"url":"https://a.fr/x","scope":"department/31","format":"json","intervalSeconds":"60"}""", "intervalSeconds")]
    [InlineData("""{"url":"https://a.fr/x","scope":"department/31","format":"json","secret":"short"}""", "secret")]
    [InlineData("""{"url":"https://a.fr/x","scope":"department/31","format":"json","callback":"x"}""", "callback")]
    [InlineData("""{"scope":"department/31","format":"json"}""", "url")]
    [InlineData("""[1]""", "$")]
    public async Task Bad_input_is_a_400_naming_the_field(string json, string field)
    {
        using var supervisor = await Server.ClientAsync("supervisor", sub: "bad-input");
        var response = await supervisor.PostAsync("/api/webhooks", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_and_creations_and_deletions_are_audited()
    {
        using var supervisor = await Server.ClientAsync("supervisor", sub: "audit-webhooks");
        var text = await supervisor.PostAsync("/api/webhooks", new StringContent("url=x", Encoding.UTF8, "text/plain"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);

        var id = (await supervisor.SubscribeAsync(Body("department/31"))).Body.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await supervisor.DeleteAsync($"/api/webhooks/{id}", TestContext.Current.CancellationToken)).StatusCode);
        var audit = await Db.StringsAsync(fixture.Database,
            "SELECT action || '|' || scope_kind || ':' || scope_id || '|' || coalesce(after->>'url', before->>'url') FROM bedcoord_audit WHERE actor = 'audit-webhooks' ORDER BY id");
        Assert.Equal(["webhook.create|department:31|https://sih.exemple.fr/hook", "webhook.delete|department:31|https://sih.exemple.fr/hook"], audit);
        var secrets = await Db.StringsAsync(fixture.Database, "SELECT coalesce(after->>'secret', before->>'secret', 'none') FROM bedcoord_audit WHERE actor = 'audit-webhooks'");
        Assert.All(secrets, s => Assert.Equal("none", s));
    }
}
