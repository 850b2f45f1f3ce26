using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Orleans.Storage;

namespace BedCoord.Server.Api;

/// <summary>
/// While a dead silo is being replaced (or PostgreSQL is out of reach) a grain call can fail. That is not
/// the caller's fault and not a bug: answer 503 with Retry-After, so clients retry the write, which was
/// not acknowledged, instead of a bare 500. The same while this server stops (SIGTERM): a request still in flight
/// then fails because its silo is going away, whatever the exception, and another silo will take it.
/// </summary>
public sealed class GridUnavailableHandler(ILogger<GridUnavailableHandler> log, IHostApplicationLifetime lifetime) : IExceptionHandler
{
    private const int RetryAfterSeconds = 2;
    /// <summary>Nginx's "client closed request": logged, never seen by the client, which has gone.</summary>
    private const int ClientClosedRequest = 499;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var stopping = lifetime.ApplicationStopping.IsCancellationRequested;
        if (!(stopping || IsTransient(exception)) || context.Response.HasStarted) return false;
        if (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its own timeout) before the grid answered: nobody to answer. Writing the problem
            // anyway threw from this handler, and the middleware then logged the original as an unhandled 500.
            log.LogInformation("{Method} {Path} failed after its client left ({Error})", context.Request.Method, context.Request.Path, exception.GetType().Name);
            context.Response.StatusCode = ClientClosedRequest;
            return true;
        }
        log.LogWarning(exception, "{Method} {Path} answered 503{While}", context.Request.Method, context.Request.Path, stopping ? " (server stopping)" : "");
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        try
        {
            await context.Response.WriteAsJsonAsync(new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service momentanément indisponible",
                Detail = $"La grille se réorganise (un serveur vient de tomber ?). Rien n'a été confirmé : réessayez dans {RetryAfterSeconds} s.",
            }, options: null, contentType: "application/problem+json", cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // The client left while the answer was written: handled all the same, there is nobody to tell.
        }
        return true;
    }

    private static bool IsTransient(Exception e) => e switch
    {
        TimeoutException or SiloUnavailableException or OrleansMessageRejectionException or InconsistentStateException => true,
        // A silo of the cluster unreachable, or this one's gateway or client overloaded while it takes over another's grains.
        Orleans.Runtime.Messaging.ConnectionFailedException or ClientNotAvailableException or GatewayTooBusyException => true,
        // PostgreSQL out of reach or out of connections, or two activations of one grain racing while a dead
        // silo's directory is rebuilt: the storage said no, the write was not acknowledged. (An Npgsql error
        // that crossed silos has lost its SQL state, so the kind is all there is to go on.)
        NpgsqlException => true,
        OrleansException o when o.Message.StartsWith("Error from storage provider", StringComparison.Ordinal) => true,
        AggregateException a => a.InnerExceptions.Any(IsTransient),
        _ => e.InnerException is { } inner && IsTransient(inner),
    };
}
