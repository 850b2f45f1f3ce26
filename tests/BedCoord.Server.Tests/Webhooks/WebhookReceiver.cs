using System.Collections.Concurrent;
using BedCoord.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace BedCoord.Server.Tests.Webhooks;

/// <summary>
/// A system that subscribed: a small Kestrel server on 127.0.0.1 that records every POST it gets and answers the status
/// codes it was told to, then 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(DateTimeOffset At, IReadOnlyDictionary<string, string> Headers, byte[] Body, int Answered)
    {
        public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : "";
        public string Text => System.Text.Encoding.UTF8.GetString(Body);
    }

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentQueue<int> _answers = new();

    public Uri Url { get; }
    public IReadOnlyList<Received> All => _received.ToArray();

    private WebhookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public static async Task<WebhookReceiver> StartAsync(params int[] firstAnswers)
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, new Uri($"http://127.0.0.1:{port}/hook"));
        foreach (var status in firstAnswers) receiver._answers.Enqueue(status);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var status = receiver._answers.TryDequeue(out var s) ? s : StatusCodes.Status200OK;
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            receiver._received.Enqueue(new Received(DateTimeOffset.UtcNow, headers, buffer.ToArray(), status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>From now on, answer these status codes, then 200.</summary>
    public void AnswerNext(params int[] statuses)
    {
        _answers.Clear();
        foreach (var status in statuses) _answers.Enqueue(status);
    }

    /// <summary>Waits until <paramref name="done"/> holds for what was received, or the timeout; answers what was received then.</summary>
    public Task<IReadOnlyList<Received>> WaitAsync(Func<IReadOnlyList<Received>, bool> done, TimeSpan timeout) =>
        Eventually.ValueAsync(() => Task.FromResult(All), done, timeout);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
