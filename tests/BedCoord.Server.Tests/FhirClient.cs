// The SDK's POCOs make every element nullable; these tests walk what the server just answered.
#nullable disable warnings
using System.Net.Http.Headers;
using System.Text;
using BedCoord.Exchange.Codes;
using BedCoord.Exchange.Fhir;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace BedCoord.Server.Tests;

/// <summary>FHIR calls for the end-to-end tests, parsed with the SDK as a real consumer would.</summary>
public static class FhirClient
{
    public static async Task<(HttpResponseMessage Response, Resource? Resource)> FhirAsync(this HttpClient http, HttpMethod method, string path,
        Resource? body = null, string? ifMatch = null, FhirWireFormat format = FhirWireFormat.Json)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(FhirFormat.MediaType(format)));
        if (body is not null) request.Content = new StringContent(FhirFormat.Serialize(body, format), Encoding.UTF8, FhirFormat.MediaType(format));
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        var parsed = mediaType.Contains("fhir") ? FhirFormat.TryParse(text, mediaType.Contains("xml") ? FhirWireFormat.Xml : FhirWireFormat.Json, out _) : null;
        return (response, parsed);
    }

    public static async Task<T> GetFhirAsync<T>(this HttpClient http, string path) where T : Resource
    {
        var (response, resource) = await http.FhirAsync(HttpMethod.Get, path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return Assert.IsType<T>(resource);
    }

    /// <summary>The unit's Location as an update: its capacity records with the given figures, without the derived 02.</summary>
    public static Location WithBeds(this Location location, int installed, int closed, int surge, int occupied, int reserved)
    {
        var update = (Location)location.DeepCopy();
        update.Extension.RemoveAll(e => e.Url == RorCodes.SupportedCapacityExtension && Status(e) == RorCodes.Available.Code);
        var figures = new Dictionary<string, int>
        {
            [RorCodes.Installed.Code] = installed, [RorCodes.Closed.Code] = closed, [RorCodes.Surge.Code] = surge,
            [RorCodes.Occupied.Code] = occupied, [RorCodes.Reserved.Code] = reserved,
        };
        foreach (var record in update.Extension.Where(e => e.Url == RorCodes.SupportedCapacityExtension))
            record.SetExtension(RorCodes.NbCapacity, new Integer(figures[Status(record)]));
        return update;
    }

    public static int Count(this Location location, CodeEntry status) =>
        ((Integer)location.Extension.Single(e => e.Url == RorCodes.SupportedCapacityExtension && Status(e) == status.Code)
            .GetExtension(RorCodes.NbCapacity).Value).Value!.Value;

    public static string Status(Extension record) => ((CodeableConcept)record.GetExtension(RorCodes.CapacityStatus).Value).Coding[0].Code;

    public static OperationOutcome.IssueComponent SingleIssue(Resource? resource) =>
        Assert.Single(Assert.IsType<OperationOutcome>(resource).Issue);
}
