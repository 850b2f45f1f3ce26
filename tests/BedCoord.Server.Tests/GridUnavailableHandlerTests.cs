using System.Text.Json;
using BedCoord.Server.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace BedCoord.Server.Tests;

/// <summary>
/// What a client gets when a grid call fails under a silo's loss or stop (issue 11 §7: never a 500). A real cluster
/// kill (FailoverTests) checks the answers end to end; these pin the cases a kill reaches only by chance.
/// </summary>
public sealed class GridUnavailableHandlerTests
{
    private sealed class Lifetime : IHostApplicationLifetime
    {
        public readonly CancellationTokenSource Stopping = new();
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => Stopping.Token;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() => Stopping.Cancel();
    }

    private static (DefaultHttpContext Context, MemoryStream Body) Request(bool clientLeft = false)
    {
        var context = new DefaultHttpContext { RequestAborted = clientLeft ? new CancellationToken(canceled: true) : CancellationToken.None };
        context.Request.Method = "PUT";
        context.Request.Path = "/api/establishments/340780725/units/med/beds";
        var body = new MemoryStream();
        context.Response.Body = body;
        return (context, body);
    }

    private static async Task<bool> HandleAsync(DefaultHttpContext context, Exception exception, Lifetime? lifetime = null) =>
        await new GridUnavailableHandler(NullLogger<GridUnavailableHandler>.Instance, lifetime ?? new Lifetime())
            .TryHandleAsync(context, exception, context.RequestAborted);

    private static void AssertRetryLater(DefaultHttpContext context, MemoryStream body)
    {
        Assert.Equal(503, context.Response.StatusCode);
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", context.Response.ContentType);
        Assert.Equal(503, JsonDocument.Parse(body.ToArray()).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_silo_of_the_cluster_that_cannot_be_reached_is_a_503_to_retry()
    {
        var (context, body) = Request();
        Assert.True(await HandleAsync(context, new Orleans.Runtime.Messaging.ConnectionFailedException("Unable to connect to S127.0.0.1:35445:155683510")));
        AssertRetryLater(context, body);
    }

    [Fact]
    public async Task While_the_server_stops_a_request_in_flight_that_fails_is_a_503_to_retry_elsewhere()
    {
        var lifetime = new Lifetime();
        await lifetime.Stopping.CancelAsync();
        var (context, body) = Request();
        Assert.True(await HandleAsync(context, new ObjectDisposedException("IServiceProvider"), lifetime));
        AssertRetryLater(context, body);
    }

    [Fact]
    public async Task A_bug_while_the_server_runs_is_not_dressed_up_as_unavailable()
    {
        var (context, _) = Request();
        Assert.False(await HandleAsync(context, new InvalidOperationException("a bug")));
    }

    [Fact]
    public async Task When_the_client_has_left_the_failure_is_handled_without_writing_to_it()
    {
        var (context, body) = Request(clientLeft: true);
        // Before: writing the problem to the gone client threw from the handler, and the original error was logged as a 500.
        Assert.True(await HandleAsync(context, new TimeoutException("Response did not arrive on time")));
        Assert.Equal(0, body.Length);
        Assert.NotEqual(500, context.Response.StatusCode);
    }
}
