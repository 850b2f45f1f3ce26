using Microsoft.AspNetCore.SignalR;

namespace BedCoord.Server.Observability;

/// <summary>Keeps bedcoord_boards_connected up to date from the hub's connection events.</summary>
public sealed class BoardConnectionFilter : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        ServerMetrics.BoardConnected();
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ServerMetrics.BoardDisconnected();
        await next(context, exception);
    }
}
