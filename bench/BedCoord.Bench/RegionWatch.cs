using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;

namespace BedCoord.Bench;

/// <summary>
/// A board subscribed to region:OCC recording when each push arrived and the region's installed total, the
/// figure the benches move with probe writes to tell which write a push includes.
/// </summary>
public sealed class RegionWatch : IAsyncDisposable
{
    private readonly HubConnection _hub;
    public ConcurrentQueue<(long At, int Installed)> Pushes { get; } = new();

    private RegionWatch(HubConnection hub) => _hub = hub;

    public static async Task<RegionWatch> StartAsync(Uri server, string token)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/hubs/board"), c => c.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var watch = new RegionWatch(hub);
        // The region's installed total as each message gives it (a snapshot, or a change's figures: no need to apply children here).
        hub.On<SnapshotLite>("snapshot", s => { if (s.Summary?.Id == "OCC") watch.Pushes.Enqueue((Stopwatch.GetTimestamp(), s.Summary.Beds?.Installed ?? -1)); });
        hub.On<DeltaLite>("delta", d => { if (d.Figures?.Id == "OCC") watch.Pushes.Enqueue((Stopwatch.GetTimestamp(), d.Figures.Beds?.Installed ?? -1)); });
        await hub.StartAsync();
        await hub.InvokeAsync("Subscribe", "region:OCC");
        return watch;
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
