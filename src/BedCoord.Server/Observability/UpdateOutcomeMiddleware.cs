namespace BedCoord.Server.Observability;

/// <summary>
/// Counts every bed update by its answer, whatever refused it (validation, scope, ETag, rate limit, the grid),
/// from outside the write path so that path stays as it is.
/// </summary>
public sealed class UpdateOutcomeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (!IsBedUpdate(http.Request)) { await next(http); return; }
        try
        {
            await next(http);
            ServerMetrics.UpdateAnswered(http.Response.StatusCode);
        }
        catch
        {
            // The exception handler further out turns it into a 5xx.
            ServerMetrics.UpdateAnswered(StatusCodes.Status500InternalServerError);
            throw;
        }
    }

    // PUT /api/establishments/{finess}/units/{unitId}/beds
    private static bool IsBedUpdate(HttpRequest request)
    {
        if (!HttpMethods.IsPut(request.Method)) return false;
        var path = request.Path.Value;
        return path is not null && path.StartsWith("/api/establishments/", StringComparison.Ordinal)
            && path.EndsWith("/beds", StringComparison.Ordinal) && path.Contains("/units/", StringComparison.Ordinal);
    }
}
