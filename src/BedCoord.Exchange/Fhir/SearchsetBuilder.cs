using Hl7.Fhir.Model;

namespace BedCoord.Exchange.Fhir;

/// <summary>A page of search results as a searchset Bundle with self/first/previous/next/last links (offset paging).</summary>
public static class SearchsetBuilder
{
    public const int DefaultCount = 50;
    public const int MaxCount = 500;

    /// <param name="selfQuery">The request's query without _offset, e.g. "organization=310781406&amp;_count=20".</param>
    /// <param name="page">The resources of this page only; <paramref name="total"/> counts every match.</param>
    public static Bundle Page(string baseUrl, string resourceType, IReadOnlyList<Resource> page, int total, int offset, int count, string selfQuery, DateTimeOffset now)
    {
        var bundle = new Bundle
        {
            Id = Guid.NewGuid().ToString("N"),
            Type = Bundle.BundleType.Searchset,
            Total = total,
            Meta = new Meta { LastUpdated = FhirTime.Instant(now) },
        };
        string Link(int at) => $"{baseUrl}/{resourceType}?{(selfQuery.Length > 0 ? selfQuery + "&" : "")}_offset={at}";
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = Link(offset) });
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "first", Url = Link(0) });
        if (offset > 0) bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = Link(Math.Max(0, offset - count)) });
        if (count > 0 && offset + count < total) bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = Link(offset + count) });
        if (count > 0) bundle.Link.Add(new Bundle.LinkComponent { Relation = "last", Url = Link(Math.Max(0, (total - 1) / count * count)) });
        foreach (var resource in page)
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        return bundle;
    }
}
