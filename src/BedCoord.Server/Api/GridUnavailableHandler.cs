using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Orleans.Storage;

namespace BedCoord.Server.Api;

/// <summary>
/// While a dead silo is being replaced (or PostgreSQL is out of reach) a grain call can fail. That is not
/// the caller's fault and not a bug: answer 503 with Retry-After, so clients retry the write, which was
/// not acknowledged, instead of a bare 500.
/// </summary>
public sealed class GridUnavailableHandler(ILogger<GridUnavailableHandler> log) : IExceptionHandler
{
    private const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception) || context.Response.HasStarted) return false;
        log.LogWarning(exception, "{Method} {Path} answered 503", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        await context.Response.WriteAsJsonAsync(new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Service momentanément indisponible",
            Detail = $"La grille se réorganise (un serveur vient de tomber ?). Rien n'a été confirmé : réessayez dans {RetryAfterSeconds} s.",
        }, options: null, contentType: "application/problem+json", cancellationToken);
        return true;
    }

    private static bool IsTransient(Exception e) => e switch
    {
        TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or InconsistentStateException => true,
        // PostgreSQL out of reach or out of connections, or two activations of one grain racing while a dead
        // silo's directory is rebuilt: the storage said no, the write was not acknowledged. (An Npgsql error
        // that crossed silos has lost its SQL state, so the kind is all there is to go on.)
        NpgsqlException => true,
        OrleansException o when o.Message.StartsWith("Error from storage provider", StringComparison.Ordinal) => true,
        AggregateException a => a.InnerExceptions.Any(IsTransient),
        _ => e.InnerException is { } inner && IsTransient(inner),
    };
}
