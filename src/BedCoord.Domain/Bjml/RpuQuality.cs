using BedCoord.Domain.Beds;

namespace BedCoord.Domain.Bjml;

/// <summary>
/// Whether an establishment's emergency records (RPU) are complete enough to trust its daily counts;
/// when flagged insufficient, its BJML is not computed (domain.md §7).
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.rpu-quality")]
public sealed record RpuQuality(
    [property: Id(0)] bool Sufficient,
    [property: Id(1)] string? Note)
{
    public const int MaxNoteLength = 500;
    public static readonly RpuQuality Assumed = new(true, null);
}

/// <summary>The JSON body of PUT rpu-quality: {"sufficient":false,"note":"..."}.</summary>
public sealed record RpuQualityInput(bool? Sufficient, string? Note)
{
    public RpuQuality? Validate(FieldErrors errors)
    {
        if (Sufficient is null)
            errors.Add("sufficient", "Le champ sufficient (qualité des RPU suffisante : true ou false) est obligatoire.");
        var note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim();
        if (note is { Length: > RpuQuality.MaxNoteLength })
            errors.Add("note", $"La note ne peut pas dépasser {RpuQuality.MaxNoteLength} caractères (reçu {note.Length}).");
        return errors.IsEmpty ? new RpuQuality(Sufficient!.Value, note) : null;
    }
}
