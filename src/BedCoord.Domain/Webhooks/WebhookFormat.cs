namespace BedCoord.Domain.Webhooks;

/// <summary>What a subscription receives: the scope's report in one of the exchange vocabularies (issue 12 §4).</summary>
public static class WebhookFormat
{
    /// <summary>A FHIR R4 collection Bundle of the scope's two SANER summary MeasureReports (exchange.md §2), JSON.</summary>
    public const string Fhir = "fhir";

    /// <summary>One EDXL-HAVE 1.0 HospitalStatus of the scope's establishments (exchange.md §3), XML.</summary>
    public const string Have = "have";

    /// <summary>The scope's Summary with its children, as GET /api/{kinds}/{id} answers it.</summary>
    public const string Json = "json";

    public static readonly IReadOnlyList<string> All = [Fhir, Have, Json];

    public static string ContentType(string format) => format switch
    {
        Fhir => "application/fhir+json; charset=utf-8",
        Have => "application/xml; charset=utf-8",
        _ => "application/json; charset=utf-8",
    };
}
