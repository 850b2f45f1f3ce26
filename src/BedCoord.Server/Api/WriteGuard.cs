using BedCoord.Domain.Access;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Territory;
using BedCoord.Server.Audit;
using BedCoord.Server.Auth;

namespace BedCoord.Server.Api;

/// <summary>Checks a write against the caller's role and scope, and records what it changed.</summary>
public sealed class WriteGuard(TerritoryCatalogHolder territory, AuditLog audit, TimeProvider clock, ILogger<WriteGuard> log)
{
    /// <summary>Null when allowed; otherwise the 403 to answer.</summary>
    public IResult? Authorize(HttpContext http, WriteKind write, ScopeRef scope)
    {
        var caller = http.User.ToCaller();
        return WritePolicy.Allows(caller, write, scope, territory.Current)
            ? null
            : Problems.Forbidden($"Le rôle « {caller.Role} » de {caller.Subject} ne permet pas d'écrire sur {Describe(scope)}.");
    }

    /// <summary>
    /// The common start of a JSON write: the scope exists (else <paramref name="notFound"/>), the caller may write
    /// there, and the body is a JSON object. The body is the caller's to dispose.
    /// </summary>
    public async Task<(JsonBody? Body, IResult? Error)> BeginAsync(HttpContext http, WriteKind write, IResult? notFound, ScopeRef scope)
    {
        if (notFound is not null) return (null, notFound);
        if (Authorize(http, write, scope) is { } forbidden) return (null, forbidden);
        return await JsonBody.ReadAsync(http.Request);
    }

    /// <param name="at">When the change took effect, if not now (an import's starting states share one instant).</param>
    public async Task RecordAsync(HttpContext http, string action, ScopeRef scope, object? before, object? after, DateTimeOffset? at = null)
    {
        var entry = Entry(http, action, scope, before, after, at ?? clock.GetUtcNow());
        try
        {
            await audit.RecordAsync(entry);
        }
        catch (Exception e)
        {
            // The change itself is durable; losing its audit record is an operations incident, not the caller's error.
            log.LogCritical(e, "Audit record lost for {Action} on {Scope} by {Actor} (request {RequestId})", action, scope, entry.Actor, entry.RequestId);
        }
    }

    /// <summary>The audit record of a write by this request's caller, for a caller that writes it itself (an import's starting states).</summary>
    public static AuditEntry Entry(HttpContext http, string action, ScopeRef scope, object? before, object? after, DateTimeOffset at)
    {
        var caller = http.User.ToCaller();
        var requestId = http.Request.Headers["X-Request-Id"].FirstOrDefault() ?? http.TraceIdentifier;
        return new AuditEntry(at, caller.Subject, caller.Role, action, scope.Kind.Name(), scope.Id, before, after, requestId);
    }

    private static string Describe(ScopeRef scope) => scope.Kind switch
    {
        ScopeKind.Unit => $"le service {scope.Id}",
        ScopeKind.Establishment => $"l'établissement {scope.Id}",
        ScopeKind.Department => $"le département {scope.Id}",
        ScopeKind.Sector => $"le secteur {scope.Id}",
        _ => $"la région {scope.Id}",
    };
}
