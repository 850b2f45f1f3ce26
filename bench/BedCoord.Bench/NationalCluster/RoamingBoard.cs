using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace BedCoord.Bench;

/// <summary>
/// A wall board of one region that follows the cluster: when its silo goes (killed or stopped) it connects to
/// another silo that is up, as a board behind a load balancer does, subscribes again and starts from the snapshot.
/// It holds the region as a board does (snapshot, then numbered changes; a gap or a new epoch makes it subscribe again).
/// </summary>
public sealed class RoamingBoard(SiloSet silos, string region, int first) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private HubConnection? _connection;
    private HeldScope? _held;
    private long _next = first;

    public string Region => region;
    public int Reconnects { get; private set; }
    public int Resyncs { get; private set; }

    /// <summary>The region's figures as the board shows them now (null before the first snapshot).</summary>
    public BedInputs? Held { get { lock (_gate) return _held?.Figures.Beds is { } b ? BedInputs.Of(b) : null; } }

    public Task StartAsync() => ConnectAsync();

    private async Task ConnectAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var address = silos.Address(_next++);
            if (address is null) { await Task.Delay(200); continue; }
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(address, "/hubs/board"), c =>
                {
                    c.AccessTokenProvider = () => Task.FromResult<string?>(silos.Token);
                    c.Transports = HttpTransportType.WebSockets;
                    c.SkipNegotiation = true;
                })
                .Build();
            connection.On<SnapshotLite>("snapshot", OnSnapshot);
            connection.On<DeltaLite>("delta", d => OnDelta(connection, d));
            connection.Closed += _ => OnClosed(connection);
            try
            {
                await connection.StartAsync(_stop.Token);
                await connection.InvokeAsync("Subscribe", $"region:{region}", _stop.Token);
                _connection = connection;
                return;
            }
            catch (Exception) when (!_stop.IsCancellationRequested)
            {
                await connection.DisposeAsync();
                await Task.Delay(200);
            }
        }
    }

    private async Task OnClosed(HubConnection connection)
    {
        if (_stop.IsCancellationRequested || !ReferenceEquals(connection, _connection)) return;
        Reconnects++;
        await Task.Delay(200);
        await ConnectAsync();
    }

    private void OnSnapshot(SnapshotLite s)
    {
        if (s.Summary is null) return;
        lock (_gate) _held = HeldScope.From(s.Summary, s.Epoch, s.Seq);
    }

    private void OnDelta(HubConnection connection, DeltaLite d)
    {
        lock (_gate)
        {
            if (_held is null || _held.Apply(d)) return;
            Resyncs++;
        }
        _ = connection.InvokeAsync("Subscribe", d.Scope).ContinueWith(_ => { }, TaskContinuationOptions.OnlyOnFaulted);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
