namespace BedCoord.Domain.Beds;

/// <summary>Establishment-level emergency figures (domain.md §3).</summary>
[GenerateSerializer, Immutable, Alias("bedcoord.emergency-figures")]
public sealed record EmergencyFigures(
    [property: Id(0)] int EdWaitingForBed,
    [property: Id(1)] int BedBlockers)
{
    public static readonly EmergencyFigures Zero = new(0, 0);

    public static EmergencyFigures operator +(EmergencyFigures a, EmergencyFigures b) =>
        new(a.EdWaitingForBed + b.EdWaitingForBed, a.BedBlockers + b.BedBlockers);
}

public sealed record EmergencyInput(int? EdWaitingForBed, int? BedBlockers)
{
    public static readonly IReadOnlyList<string> FieldNames = ["edWaitingForBed", "bedBlockers"];

    public EmergencyFigures? Validate(FieldErrors errors)
    {
        BedInput.Range("edWaitingForBed", EdWaitingForBed, "patients des urgences en attente d'un lit", errors);
        BedInput.Range("bedBlockers", BedBlockers, "patients en attente d'aval", errors);
        return errors.IsEmpty ? new EmergencyFigures(EdWaitingForBed!.Value, BedBlockers!.Value) : null;
    }
}
