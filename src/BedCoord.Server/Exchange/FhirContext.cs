using BedCoord.Exchange;
using BedCoord.Exchange.Codes;
using BedCoord.Grains.Territory;
using Microsoft.Extensions.Options;

namespace BedCoord.Server.Exchange;

/// <summary>What every FHIR endpoint needs: the territory, the grains, BedCoord's canonical URLs and the clock.</summary>
public sealed class FhirContext(TerritoryCatalogHolder territory, IGrainFactory grains, IOptions<ExchangeOptions> options, TimeProvider clock)
{
    public const string BasePath = "/fhir/r4";

    public TerritoryCatalogHolder Territory => territory;
    public IGrainFactory Grains => grains;
    public BedCoordCodes Codes { get; } = new(options.Value.CanonicalBase);
    public DateTimeOffset Now => clock.GetUtcNow();

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{BasePath}";

    public static IEnumerable<KeyValuePair<string, string>> Query(HttpRequest request) =>
        request.Query.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? "")));
}
