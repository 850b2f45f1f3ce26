using Microsoft.AspNetCore.Http;

namespace BedCoord.Server.OpenApi;

/// <summary>
/// Answers that the framework makes without a body (unknown route 404, wrong method 405, ...) go through the status
/// code pages, whose default problem writer steps aside when the request's Accept does not name JSON and leaves a
/// text/plain "Status Code: 404". This writer comes after it and writes problem+json anyway: the contract says
/// every 4xx is problem+json, whatever the client accepts.
/// </summary>
public sealed class ProblemJsonWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var problem = context.ProblemDetails;
        problem.Status ??= http.Response.StatusCode;
        return new ValueTask(http.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json"));
    }
}
