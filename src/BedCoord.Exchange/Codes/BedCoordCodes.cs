namespace BedCoord.Exchange.Codes;

/// <summary>
/// BedCoord's own canonical URLs (exchange.md §1–2, "BedCoord choice"), all under the configured
/// <c>Exports:CanonicalBase</c> so that they are absolute and stable across deployments.
/// </summary>
public sealed class BedCoordCodes(string canonicalBase)
{
    public string CanonicalBase { get; } = canonicalBase.TrimEnd('/');
    public string TagSystem => CanonicalBase + "/CodeSystem/bedcoord-tags";
    public string CapacityMeasure => CanonicalBase + "/Measure/bedcoord-capacity";
    public string MeasuredValuesSystem => CanonicalBase + "/CodeSystem/bedcoord-measured-values";
    public string ScopeIdentifierSystem(string kind) => $"{CanonicalBase}/sid/{kind}";

    public const string StaleTag = "stale";
    public const string BedsGroup = "bedcoord-beds";
    public const string ReporterReference = "Organization/bedcoord";

    /// <summary>Populations of the BedCoord measure, in the order they are sent.</summary>
    public static readonly IReadOnlyList<string> Populations =
        ["installed", "closed", "surge", "open", "occupied", "reserved", "available", "expectedDischarges", "edWaitingForBed", "bedBlockers"];
}
