using BedCoord.Exchange.Fhir;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace BedCoord.Server.Exchange;

/// <summary>A FHIR resource answered in the format the caller chose (JSON by default, XML by _format or Accept).</summary>
public sealed class FhirResult(Resource resource, int status = StatusCodes.Status200OK, string? etag = null) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var format = WireFormat(http.Request) ?? FhirWireFormat.Json;
        http.Response.StatusCode = status;
        http.Response.ContentType = FhirFormat.MediaType(format) + "; charset=utf-8";
        if (etag is not null) http.Response.Headers.ETag = etag;
        await http.Response.WriteAsync(FhirFormat.Serialize(resource, format), http.RequestAborted);
    }

    /// <summary>Null when _format names a format we do not write (answered 406).</summary>
    public static FhirWireFormat? WireFormat(HttpRequest request) =>
        FhirFormat.Choose(request.Query["_format"].FirstOrDefault(), request.Headers.Accept.ToString());

    public static FhirResult Outcome(int status, OperationOutcome outcome) => new(outcome, status);

    public static FhirResult Error(int status, OperationOutcome.IssueType type, string message) =>
        new(Outcomes.Error(type, message), status);

    public static FhirResult Issues(int status, IEnumerable<FhirIssue> issues) => new(Outcomes.Of(issues), status);

    public static FhirResult NotFound(string type, string id) =>
        Error(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"{type}/{(id.Length <= 70 ? id : id[..70] + "…")} inconnu.");

    /// <summary>The version of a unit as a FHIR (weak) entity tag; If-Match accepts it, as the JSON API's strong one.</summary>
    public static string ETag(long version) => $"W/\"{version}\"";
}
