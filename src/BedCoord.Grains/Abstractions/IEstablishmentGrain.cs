using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;

namespace BedCoord.Grains.Abstractions;

public interface IEstablishmentGrain : IAggregateGrain
{
    /// <summary>Sets the emergency figures; returns once they are durable.</summary>
    Task<EmergencyWriteResult> SetEmergency(EmergencyFigures figures, string by);
}

[GenerateSerializer, Immutable, Alias("bedcoord.emergency-write-result")]
public sealed record EmergencyWriteResult(
    [property: Id(0)] EmergencyFigures Before,
    [property: Id(1)] Summary Establishment);
