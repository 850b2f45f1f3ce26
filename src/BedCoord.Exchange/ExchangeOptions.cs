namespace BedCoord.Exchange;

/// <summary>Settings of the standards exports (section "Exports" of the configuration).</summary>
public sealed class ExchangeOptions
{
    /// <summary>Absolute base of BedCoord's own canonical URLs (code systems, measure, identifier systems).</summary>
    public string CanonicalBase { get; set; } = "https://bedcoord.oru-occitanie.fr/fhir";
}
