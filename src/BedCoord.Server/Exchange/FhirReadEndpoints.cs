using BedCoord.Domain.Territory;
using BedCoord.Exchange.Fhir;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace BedCoord.Server.Exchange;

/// <summary>GET /fhir/r4/metadata, Organization and Location read and search (exchange.md §0–1).</summary>
public static class FhirReadEndpoints
{
    public static RouteGroupBuilder MapFhirReadEndpoints(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/metadata", (HttpContext http, FhirContext context) =>
                new FhirResult(CapabilityStatementFactory.Build(FhirContext.BaseUrl(http.Request), context.Now,
                    typeof(FhirReadEndpoints).Assembly.GetName().Version?.ToString() ?? "1.0")))
            .AllowAnonymous()
            .WithName("FhirCapabilities").WithSummary("FHIR CapabilityStatement: the resources, interactions and search parameters supported")
            .FhirProduces();

        fhir.MapGet("/Location/{id}", async (string id, FhirContext context, FhirResources resources) =>
            {
                var entry = ResourceIndex.Locations(context.Territory.Current, context.Codes).FirstOrDefault(e => e.Id == id);
                var found = entry is null ? [] : await resources.LocationsAsync([entry]);
                if (found.Count == 0) return FhirResult.NotFound("Location", id);
                var resource = found[0].Resource;
                return new FhirResult(resource, etag: resource.Meta?.VersionId is { } v ? $"W/\"{v}\"" : null);
            })
            .WithName("FhirReadLocation").WithSummary("One Location: a unit with its ROR capacity records, or a territory node (region-, sector-, department-, establishment-)")
            .FhirProduces(StatusCodes.Status404NotFound);

        fhir.MapGet("/Location", (HttpContext http, FhirContext context, FhirResources resources) =>
                Search(http, context, "Location", ResourceIndex.LocationParameters, ResourceIndex.Locations(context.Territory.Current, context.Codes), resources.LocationsAsync))
            .WithName("FhirSearchLocation").WithSummary("Search units and territory nodes: _id, identifier, organization, partof, address-postalcode, _lastUpdated, _count")
            .FhirProduces(StatusCodes.Status400BadRequest);

        fhir.MapGet("/Organization/{id}", async (string id, FhirContext context, FhirResources resources) =>
            {
                var entry = ResourceIndex.Organizations(context.Territory.Current).FirstOrDefault(e => e.Id == id);
                var found = entry is null ? [] : await resources.OrganizationsAsync([entry]);
                return found.Count == 0 ? FhirResult.NotFound("Organization", id) : new FhirResult(found[0].Resource);
            })
            .WithName("FhirReadOrganization").WithSummary("One establishment as an Organization (id = FINESS)")
            .FhirProduces(StatusCodes.Status404NotFound);

        fhir.MapGet("/Organization", (HttpContext http, FhirContext context, FhirResources resources) =>
                Search(http, context, "Organization", ResourceIndex.OrganizationParameters, ResourceIndex.Organizations(context.Territory.Current), resources.OrganizationsAsync))
            .WithName("FhirSearchOrganization").WithSummary("Search establishments: _id, identifier (FINESS or idNatStruct), address-postalcode, _lastUpdated, _count")
            .FhirProduces(StatusCodes.Status400BadRequest);
        return fhir;
    }

    private static async Task<IResult> Search(HttpContext http, FhirContext context, string type, string[] parameters, IEnumerable<IndexEntry> index,
        Func<IReadOnlyList<IndexEntry>, Task<IReadOnlyList<(Resource Resource, DateTimeOffset UpdatedAt)>>> build)
    {
        var issues = new List<FhirIssue>();
        if (FhirSearch.Parse(type, FhirContext.Query(http.Request), parameters, issues) is not { } search)
            return FhirResult.Issues(StatusCodes.Status400BadRequest, issues);
        var matches = index.Where(e => ResourceIndex.Matches(e, search)).ToList();
        if (search.LastUpdated is { } lastUpdated)
        {
            // The time of the figure is live: every candidate is read, then filtered.
            var all = (await build(matches)).Where(r => lastUpdated.Matches(FhirTime.Instant(r.UpdatedAt))).Select(r => r.Resource).ToList();
            return Page(http, context, type, search, all.Skip(search.Offset).Take(search.Count).ToList(), all.Count);
        }
        // Only the page is read; the total counts the territory's matches (every node and unit has a state once seeded).
        var page = await build(matches.Skip(search.Offset).Take(search.Count).ToList());
        return Page(http, context, type, search, page.Select(p => p.Resource).ToList(), matches.Count);
    }

    private static FhirResult Page(HttpContext http, FhirContext context, string type, FhirSearch search, IReadOnlyList<Resource> page, int total) =>
        new(SearchsetBuilder.Page(FhirContext.BaseUrl(http.Request), type, page, total, search.Offset, search.Count, search.LinkQuery, context.Now));
    /// <summary>FHIR content types, outside the /api OpenAPI document (group "fhir").</summary>
    internal static RouteHandlerBuilder FhirProduces(this RouteHandlerBuilder route, params int[] errors)
    {
        route.WithGroupName("fhir").Produces(StatusCodes.Status200OK, contentType: FhirFormat.JsonMediaType, additionalContentTypes: FhirFormat.XmlMediaType);
        foreach (var status in errors) route.Produces(status, contentType: FhirFormat.JsonMediaType, additionalContentTypes: FhirFormat.XmlMediaType);
        return route;
    }
}
