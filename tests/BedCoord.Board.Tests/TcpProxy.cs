using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace BedCoord.Board.Tests;

/// <summary>
/// A TCP relay between the browser and the server that the test can cut: <see cref="Cut"/> drops every open
/// connection (the board's WebSocket included) and refuses new ones until <see cref="Restore"/>. Playwright's
/// offline mode does not close open WebSockets, so it cannot show what a wall board does when the link drops.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _cut;

    public Uri BaseAddress { get; }

    public TcpProxy(Uri target)
    {
        _target = target;
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _ = AcceptLoopAsync();
    }

    public void Cut()
    {
        _cut = true;
        foreach (var socket in _open.Keys) Close(socket);
    }

    public void Restore() => _cut = false;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener.AcceptSocketAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            if (_cut) { Close(client); continue; }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _open[client] = 0;
        _open[server] = 0;
        try
        {
            await server.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
        finally
        {
            Close(client);
            Close(server);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (n == 0) return;
                await to.SendAsync(buffer.AsMemory(0, n), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    private void Close(Socket socket)
    {
        _open.TryRemove(socket, out _);
        try { socket.Shutdown(SocketShutdown.Both); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        socket.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var socket in _open.Keys) Close(socket);
        return ValueTask.CompletedTask;
    }
}
