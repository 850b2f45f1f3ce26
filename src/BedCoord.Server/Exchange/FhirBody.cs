using BedCoord.Exchange.Fhir;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http.Features;
using Task = System.Threading.Tasks.Task;

namespace BedCoord.Server.Exchange;

/// <summary>Reads a FHIR request body in the format its Content-Type names; every failure is an OperationOutcome.</summary>
public static class FhirBody
{
    public static async Task<(Resource? Resource, FhirResult? Error)> ReadAsync(HttpRequest request)
    {
        var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        FhirWireFormat format;
        switch (type)
        {
            case "application/fhir+json" or "application/json": format = FhirWireFormat.Json; break;
            case "application/fhir+xml" or "application/xml" or "text/xml": format = FhirWireFormat.Xml; break;
            default:
                return (null, FhirResult.Error(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported,
                    "Envoyez le corps en application/fhir+json ou application/fhir+xml."));
        }
        string text;
        try
        {
            using var reader = new StreamReader(request.Body);
            text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0;
            return (null, FhirResult.Error(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooCostly, $"Le corps dépasse {limit} octets."));
        }
        var resource = FhirFormat.TryParse(text, format, out var error);
        return resource is null
            ? (null, FhirResult.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure, $"Corps FHIR illisible : {error}"))
            : (resource, null);
    }
}
