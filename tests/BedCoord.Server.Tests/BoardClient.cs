using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using BedCoord.Domain.Live;
using BedCoord.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace BedCoord.Server.Tests;

/// <summary>
/// A real SignalR client of /hubs/board that does what a board does: keeps each scope from its "snapshot",
/// applies the numbered "delta"s in order, and subscribes again when one is missing. <see cref="Summaries"/>
/// records the scope's state after every message; <see cref="Deltas"/> the changes as received.
/// </summary>
public sealed class BoardClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Dictionary<string, (long Epoch, long Seq, JsonObject State)> _scopes = new();
    private readonly Lock _gate = new();
    private int _dropDeltas;

    public ConcurrentQueue<JsonElement> Summaries { get; } = new();
    public ConcurrentQueue<JsonElement> Deltas { get; } = new();
    public ConcurrentQueue<JsonElement> Snapshots { get; } = new();

    /// <summary>Resyncs done after a missing change.</summary>
    public int Resyncs;

    /// <summary>Changes lost on purpose (<see cref="DropNextDeltas"/>).</summary>
    public int Dropped;

    private BoardClient(HubConnection connection)
    {
        _connection = connection;
        connection.On<JsonElement>(Board.BoardRelay.SnapshotMessage, OnSnapshot);
        connection.On<JsonElement>(Board.BoardRelay.DeltaMessage, OnDelta);
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

    /// <summary>Loses the next <paramref name="count"/> changes, as a dropped message would.</summary>
    public void DropNextDeltas(int count) => Interlocked.Exchange(ref _dropDeltas, count);

    /// <summary>Any call with any arguments, for what a misbehaving client would send.</summary>
    public Task InvokeRawAsync(string method, params object?[] args) => _connection.InvokeCoreAsync(method, args);

    public HubConnectionState State => _connection.State;

    /// <summary>The first state of <paramref name="scope"/> held that satisfies the condition.</summary>
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

    /// <summary>The state held now for a scope ("department:11"), or null before its snapshot.</summary>
    public JsonElement? Held(string scope)
    {
        lock (_gate) return _scopes.TryGetValue(scope, out var s) ? JsonSerializer.SerializeToElement(s.State) : null;
    }

    private void OnSnapshot(JsonElement message)
    {
        Snapshots.Enqueue(message);
        var scope = message.GetProperty("scope").GetString()!;
        var state = JsonNode.Parse(message.GetProperty("summary").GetRawText())!.AsObject();
        lock (_gate) _scopes[scope] = (message.GetProperty("epoch").GetInt64(), message.GetProperty("seq").GetInt64(), state);
        Summaries.Enqueue(JsonSerializer.SerializeToElement(state));
    }

    private void OnDelta(JsonElement message)
    {
        if (Interlocked.Decrement(ref _dropDeltas) >= 0) { Interlocked.Increment(ref Dropped); return; }
        Deltas.Enqueue(message);
        var scope = message.GetProperty("scope").GetString()!;
        JsonElement applied;
        lock (_gate)
        {
            if (!_scopes.TryGetValue(scope, out var held)) return;
            var step = LiveSequence.Classify(held.Epoch, held.Seq, message.GetProperty("epoch").GetInt64(), message.GetProperty("seq").GetInt64());
            if (step == SequenceStep.Gap)
            {
                Interlocked.Increment(ref Resyncs);
                _ = _connection.InvokeAsync("Subscribe", scope);
                return;
            }
            if (step == SequenceStep.Old) return;
            var state = JsonNode.Parse(message.GetProperty("figures").GetRawText())!.AsObject();
            var children = held.State["children"]?.AsArray().Select(c => c!.DeepClone()).ToList() ?? [];
            foreach (var child in message.GetProperty("children").EnumerateArray())
            {
                var id = child.GetProperty("id").GetString();
                var at = children.FindIndex(c => c!["id"]!.GetValue<string>() == id);
                var node = JsonNode.Parse(child.GetRawText())!;
                if (at >= 0) children[at] = node; else children.Add(node);
            }
            state["children"] = new JsonArray([.. children]);
            _scopes[scope] = (held.Epoch, message.GetProperty("seq").GetInt64(), state);
            applied = JsonSerializer.SerializeToElement(state);
        }
        Summaries.Enqueue(applied);
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
