using System.Globalization;
using BedCoord.Exchange.Fhir;
using BedCoord.Grains.Abstractions;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace BedCoord.Server.Exchange;

/// <summary>
/// Updates in, as the ROR sends them (exchange.md §0b): PUT /fhir/r4/Location/{id}, and POST /fhir/r4 with a
/// transaction (all or nothing: every entry checked before any is written) or batch Bundle of Location PUTs.
/// </summary>
public static class FhirWriteEndpoints
{
    public static RouteGroupBuilder MapFhirWriteEndpoints(this RouteGroupBuilder fhir)
    {
        fhir.MapPut("/Location/{id}", PutLocation)
            .WithName("FhirUpdateLocation").WithSummary("Replace a unit's beds from a Location carrying ROR capacity records; If-Match or meta.versionId with the unit's version")
            // Body: a FHIR resource in application/fhir+json or +xml. No Accepts() metadata: it would make routing answer
            // other content types with a problem+json 415 before the handler can answer an OperationOutcome.
            .FhirProduces(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
                StatusCodes.Status412PreconditionFailed, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);
        fhir.MapPost("/", PostBundle)
            .WithName("FhirTransaction").WithSummary("A transaction (all or nothing) or batch Bundle of Location updates; answers a transaction-response or batch-response Bundle")
            // Body: a FHIR resource in application/fhir+json or +xml. No Accepts() metadata: it would make routing answer
            // other content types with a problem+json 415 before the handler can answer an OperationOutcome.
            .FhirProduces(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
                StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);
        return fhir;
    }

    private static async Task<IResult> PutLocation(string id, HttpContext http, FhirLocationWriter writer, FhirResources resources, FhirContext context)
    {
        var (resource, error) = await FhirBody.ReadAsync(http.Request);
        if (error is not null) return error;
        if (resource is not Location location)
            return FhirResult.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.NotSupported,
                $"Le corps doit être une ressource Location (reçu {resource!.TypeName}).");
        var ifMatch = http.Request.Headers.IfMatch.FirstOrDefault();
        var (write, refusal) = await writer.PrepareAsync(http, location, "Location", id, ifMatch);
        if (refusal is not null) return FhirResult.Issues(refusal.Status, refusal.Issues);
        var result = await writer.ApplyAsync(http, write!, strict: false);
        if (result.Outcome == BedWriteOutcome.VersionConflict)
            return FhirResult.Error(StatusCodes.Status412PreconditionFailed, OperationOutcome.IssueType.Conflict,
                $"Location/{id} a été modifié entre-temps (version actuelle {result.CurrentVersion}).");
        var entry = ResourceIndex.Locations(context.Territory.Current, context.Codes).First(e => e.Id == id);
        var updated = await resources.LocationsAsync([entry]);
        return new FhirResult(updated[0].Resource, etag: FhirResult.ETag(result.CurrentVersion));
    }

    private static async Task<IResult> PostBundle(HttpContext http, FhirLocationWriter writer)
    {
        var (resource, error) = await FhirBody.ReadAsync(http.Request);
        if (error is not null) return error;
        if (resource is not Bundle { Type: Bundle.BundleType.Transaction or Bundle.BundleType.Batch } bundle)
            return FhirResult.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.NotSupported,
                "POST /fhir/r4 attend un Bundle de type transaction ou batch.");
        var transaction = bundle.Type == Bundle.BundleType.Transaction;

        // Check every entry first.
        var prepared = new (PreparedWrite? Write, WriteRefusal? Refusal)[bundle.Entry.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var path = $"Bundle.entry[{i}]";
            var entry = bundle.Entry[i];
            if (CheckEntry(entry, path) is { } shape) { prepared[i] = (null, shape); continue; }
            var location = (Location)entry.Resource!;
            if (!seen.Add(location.Id ?? ""))
            {
                prepared[i] = (null, new WriteRefusal(StatusCodes.Status400BadRequest,
                    [new FhirIssue($"{path}.resource.id", $"Location/{location.Id} figure deux fois dans le Bundle.", OperationOutcome.IssueType.BusinessRule)]));
                continue;
            }
            prepared[i] = await writer.PrepareAsync(http, location, $"{path}.resource", UrlId(entry.Request!.Url), entry.Request.IfMatch);
        }

        if (transaction)
        {
            var refusals = prepared.Where(p => p.Refusal is not null).Select(p => p.Refusal!).ToList();
            if (refusals.Count > 0)
                return FhirResult.Issues(refusals[0].Status, refusals.SelectMany(r => r.Issues));
            return await ApplyTransaction(http, writer, prepared.Select(p => p.Write!).ToList());
        }

        var response = new Bundle { Type = Bundle.BundleType.BatchResponse };
        foreach (var (write, refusal) in prepared)
        {
            if (refusal is not null) { response.Entry.Add(Failed(refusal.Status, Outcomes.Of(refusal.Issues))); continue; }
            var result = await writer.ApplyAsync(http, write!, strict: false);
            response.Entry.Add(result.Outcome == BedWriteOutcome.Updated
                ? Succeeded(write!, result)
                : Failed(StatusCodes.Status412PreconditionFailed, Outcomes.Error(OperationOutcome.IssueType.Conflict, $"Location/{write!.LocationId} a été modifié entre-temps.")));
        }
        return new FhirResult(response);
    }

    private static async Task<IResult> ApplyTransaction(HttpContext http, FhirLocationWriter writer, IReadOnlyList<PreparedWrite> writes)
    {
        var applied = new List<(PreparedWrite Write, BedWriteResult Result)>();
        foreach (var write in writes)
        {
            var result = await writer.ApplyAsync(http, write, strict: true);
            if (result.Outcome == BedWriteOutcome.Updated) { applied.Add((write, result)); continue; }
            // Someone wrote one of these units after the check: undo ours, newest first, and change nothing.
            for (var i = applied.Count - 1; i >= 0; i--) await writer.UndoAsync(http, applied[i].Write, applied[i].Result);
            return FhirResult.Error(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Conflict,
                $"Location/{write.LocationId} a été modifié pendant la transaction : rien n'a été appliqué, relisez puis recommencez.");
        }
        var response = new Bundle { Type = Bundle.BundleType.TransactionResponse };
        foreach (var (write, result) in applied) response.Entry.Add(Succeeded(write, result));
        return new FhirResult(response);
    }

    private static WriteRefusal? CheckEntry(Bundle.EntryComponent entry, string path)
    {
        if (entry.Request?.Method != Bundle.HTTPVerb.PUT)
            return Refusal(StatusCodes.Status400BadRequest, $"{path}.request.method", "Seule la méthode PUT (mise à jour d'un Location) est prise en charge.", OperationOutcome.IssueType.NotSupported);
        if (entry.Resource is not Location)
            return Refusal(StatusCodes.Status400BadRequest, $"{path}.resource", $"Seules les ressources Location sont prises en charge (reçu {entry.Resource?.TypeName ?? "rien"}).", OperationOutcome.IssueType.NotSupported);
        if (UrlId(entry.Request.Url) is null)
            return Refusal(StatusCodes.Status400BadRequest, $"{path}.request.url", $"request.url doit être Location/{{id}} (reçu « {entry.Request.Url} »).");
        return null;
    }

    private static WriteRefusal Refusal(int status, string expression, string message, OperationOutcome.IssueType type = OperationOutcome.IssueType.Invalid) =>
        new(status, [new FhirIssue(expression, message, type)]);

    private static string? UrlId(string? url) =>
        url is not null && url.StartsWith("Location/", StringComparison.Ordinal) && url.Length > 9 && !url[9..].Contains('/') ? url[9..] : null;

    private static Bundle.EntryComponent Succeeded(PreparedWrite write, BedWriteResult result) => new()
    {
        Response = new Bundle.ResponseComponent
        {
            Status = "200 OK",
            Location = $"Location/{write.LocationId}/_history/{result.CurrentVersion.ToString(CultureInfo.InvariantCulture)}",
            Etag = FhirResult.ETag(result.CurrentVersion),
            LastModified = result.Unit is { } u ? FhirTime.Instant(u.UpdatedAt) : null,
        },
    };

    private static Bundle.EntryComponent Failed(int status, OperationOutcome outcome) => new()
    {
        Response = new Bundle.ResponseComponent { Status = status.ToString(CultureInfo.InvariantCulture), Outcome = outcome },
    };
}
