using System.Net;
using System.Text.RegularExpressions;
using BedCoord.Testing;

namespace BedCoord.Board.Tests;

/// <summary>Light on the wire: compressed answers, versioned files cached for a year, the HTML revalidated, a favicon.</summary>
[Collection(ReadOnlyDemoCollection.Name)]
public sealed partial class DeliveryTests(ServerFixture fixture)
{
    private ServerProcess Server => fixture.Server;

    private HttpClient Raw(string? token = null)
    {
        // No automatic decompression: the test sees what travels.
        var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = Server.BaseAddress };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    [Fact]
    public async Task Pages_scripts_json_problems_svg_and_geojson_travel_compressed()
    {
        using var http = Raw(await Server.TokenAsync("viewer"));
        var version = await VersionAsync(http);
        foreach (var (path, type) in new[]
        {
            ("/board", "text/html"),
            ($"{version}/js/board.js", "text/javascript"),
            ($"{version}/css/board.css", "text/css"),
            ($"{version}/lib/signalr.min.js", "text/javascript"),
            ($"{version}/favicon.svg", "image/svg+xml"),
            ("/data/occitanie-departements-light.geojson", "application/geo+json"),
            ("/api/regions/OCC", "application/json"),
            ("/api/regions/NOPE", "application/problem+json"),
        })
        {
            foreach (var encoding in new[] { "br", "gzip" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
                using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
                Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
                Assert.True(response.Content.Headers.ContentEncoding.Contains(encoding), $"{path} not {encoding}-encoded");
            }
        }
    }

    [Fact]
    public async Task Versioned_files_are_immutable_for_a_year_and_the_html_is_revalidated()
    {
        using var http = Raw();
        var version = await VersionAsync(http);
        using var page = await http.GetAsync("/board", TestContext.Current.CancellationToken);
        Assert.Equal("no-cache", page.Headers.CacheControl?.ToString());
        using var again = new HttpRequestMessage(HttpMethod.Get, "/board");
        again.Headers.IfNoneMatch.Add(page.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(again, TestContext.Current.CancellationToken)).StatusCode);

        using var script = await http.GetAsync($"{version}/js/board.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", script.Headers.CacheControl?.ToString());
        // A page of an older release still gets working files, but they are not kept as if they were that release's.
        using var old = await http.GetAsync("/v/000000000000/js/board.js", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal("no-cache", old.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/favicon.ico", "image/x-icon")]
    [InlineData("/favicon.svg", "image/svg+xml")]
    public async Task The_favicon_is_there(string path, string type)
    {
        using var http = Raw();
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<string> VersionAsync(HttpClient http)
    {
        var html = await http.GetStringAsync("/board");
        var m = VersionedScript().Match(html);
        Assert.True(m.Success, html);
        return m.Groups[1].Value;
    }

    [GeneratedRegex("""src="(/v/[0-9a-f]{12})/js/app\.js""")]
    private static partial Regex VersionedScript();
}
