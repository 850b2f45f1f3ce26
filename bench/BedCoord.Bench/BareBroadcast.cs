using System.Diagnostics;
using BedCoord.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BedCoord.Bench;

public sealed class BareHub : Hub;

public sealed record BareMessage(long Seq, long SentAt, string Pad);

/// <summary>The floor for the board figures: a minimal Kestrel + SignalR app broadcasting a same-size message to all clients.</summary>
public sealed class BareBroadcast : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HubConnection[] _clients;
    private readonly string _pad;
    private volatile Samples _latencies = new();
    private long _deliveries;

    private BareBroadcast(WebApplication app, HubConnection[] clients, string pad)
    {
        _app = app; _clients = clients; _pad = pad;
    }

    public static async Task<BareBroadcast> StartAsync(int clients, int messageBytes)
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.MapHub<BareHub>("/bare");
        await app.StartAsync();
        // {"type":1,"target":"m","arguments":[{"seq":..,"sentAt":..,"pad":"..."}]} ≈ 80 bytes of envelope.
        var pad = new string('x', Math.Max(0, messageBytes - 80));
        var connections = new HubConnection[clients];
        var bare = new BareBroadcast(app, connections, pad);
        await Updates.ForEachAsync(Enumerable.Range(0, clients).ToList(), 16, async (i, _) =>
        {
            var c = new HubConnectionBuilder()
                .WithUrl($"http://127.0.0.1:{port}/bare", o => { o.Transports = HttpTransportType.WebSockets; o.SkipNegotiation = true; })
                .Build();
            c.On<BareMessage>("m", bare.OnMessage);
            await c.StartAsync();
            connections[i] = c;
        });
        return bare;
    }

    private void OnMessage(BareMessage m)
    {
        if (m.Seq < 0) return;
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _deliveries);
        _latencies.AddTicks(now - m.SentAt);
    }

    public async Task<(Samples Latency, long Deliveries, double Seconds, long Missing, double CpuPercent, double MachineBusy)> RunAsync(double rate, TimeSpan duration)
    {
        var hubWarm = _app.Services.GetRequiredService<IHubContext<BareHub>>();
        await OpenLoop.RunAsync(rate, TimeSpan.FromSeconds(2), i => _ = hubWarm.Clients.All.SendAsync("m", new BareMessage(-1, Stopwatch.GetTimestamp(), _pad)));
        await Task.Delay(1000);
        var slot = new Samples();
        _latencies = slot;
        var hub = _app.Services.GetRequiredService<IHubContext<BareHub>>();
        var d0 = Interlocked.Read(ref _deliveries);
        var self0 = ProcSnapshot.Self(); var m0 = MachineCpu.Now();
        var sends = new List<Task>();
        var (fired, _) = await OpenLoop.RunAsync(rate, duration, i =>
            sends.Add(hub.Clients.All.SendAsync("m", new BareMessage(i, Stopwatch.GetTimestamp(), _pad))));
        await Task.WhenAll(sends);
        var deadline = Stopwatch.GetTimestamp() + 5 * Stopwatch.Frequency;
        while (Interlocked.Read(ref _deliveries) - d0 < (long)fired * _clients.Length && Stopwatch.GetTimestamp() < deadline) await Task.Delay(10);
        var self1 = ProcSnapshot.Self(); var m1 = MachineCpu.Now();
        var deliveries = Interlocked.Read(ref _deliveries) - d0;
        return (slot, deliveries, duration.TotalSeconds, (long)fired * _clients.Length - deliveries, self1.CpuPercentSince(self0), m1.BusyPercentSince(m0));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients) if (c is not null) await c.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
