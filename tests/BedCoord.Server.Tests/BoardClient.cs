using System.Collections.Concurrent;
using System.Text.Json;
using BedCoord.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace BedCoord.Server.Tests;

/// <summary>A real SignalR client of /hubs/board that records every summary and alert it receives.</summary>
public sealed class BoardClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    public ConcurrentQueue<JsonElement> Summaries { get; } = new();

    private BoardClient(HubConnection connection)
    {
        _connection = connection;
        connection.On<JsonElement>("summary", s => Summaries.Enqueue(s));
    }

    public static async Task<BoardClient> ConnectAsync(ServerProcess server, string? token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/board"), o => o.AccessTokenProvider = () => Task.FromResult(token))
            .Build();
        await connection.StartAsync();
        return new BoardClient(connection);
    }

    public Task SubscribeAsync(string scope) => _connection.InvokeAsync("Subscribe", scope);

    /// <summary>Any call with any arguments, for what a misbehaving client would send.</summary>
    public Task InvokeRawAsync(string method, params object?[] args) => _connection.InvokeCoreAsync(method, args);

    public HubConnectionState State => _connection.State;

    /// <summary>The first summary of <paramref name="scope"/> received that satisfies the condition.</summary>
    public async Task<JsonElement?> WaitForAsync(string kind, string id, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var s in Summaries)
                if (s.GetProperty("kind").GetString() == kind && s.GetProperty("id").GetString() == id && condition(s)) return s;
            await Task.Delay(20);
        }
        return null;
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
