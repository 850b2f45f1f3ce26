using Hl7.Fhir.Model;

namespace BedCoord.Exchange.Fhir;

/// <summary>Instants as FHIR wants them here: to the second, with a time zone (SANER period/date, ROR dates).</summary>
public static class FhirTime
{
    public static string Text(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", System.Globalization.CultureInfo.InvariantCulture);

    public static FhirDateTime DateTime(DateTimeOffset at) => new(Text(at));

    /// <summary>meta.lastUpdated (an instant) without sub-second noise, so a reader can feed it back to _lastUpdated.</summary>
    public static DateTimeOffset Instant(DateTimeOffset at) =>
        new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
