using BedCoord.Domain.Mobilisable;

namespace BedCoord.Domain.Beds;

/// <summary>
/// What a bed manager sends for a unit; the six counts are required (nulls are reported by name), the
/// mobilisable part is optional.
/// </summary>
public sealed record BedInput(int? Installed, int? Closed, int? Surge, int? Occupied, int? Reserved, int? ExpectedDischarges,
    MobilisableInput? Mobilisable = null)
{
    public static readonly IReadOnlyList<string> FieldNames =
        ["installed", "closed", "surge", "occupied", "reserved", "expectedDischarges"];

    /// <summary>Checks every bound of domain.md §3; the figures only when nothing is wrong.</summary>
    public BedFigures? Validate(FieldErrors errors)
    {
        Range("installed", Installed, "lits installés", errors);
        Range("closed", Closed, "lits fermés", errors);
        Range("surge", Surge, "lits supplémentaires", errors);
        Range("occupied", Occupied, "lits occupés", errors);
        Range("reserved", Reserved, "lits réservés", errors);
        Range("expectedDischarges", ExpectedDischarges, "sorties prévues", errors);
        var mobilisable = (Mobilisable ?? new MobilisableInput()).Validate(errors.Has("closed") ? null : Closed, errors);
        if (!errors.IsEmpty) return null;

        var figures = new BedFigures(Installed!.Value, Closed!.Value, Surge!.Value, Occupied!.Value, Reserved!.Value, ExpectedDischarges!.Value,
            mobilisable);
        if (figures.Closed > figures.Installed)
            errors.Add("closed", $"Les lits fermés ({figures.Closed}) ne peuvent pas dépasser les lits installés ({figures.Installed}).");
        else if (figures.Occupied > figures.Open)
            errors.Add("occupied", $"Les lits occupés ({figures.Occupied}) ne peuvent pas dépasser les lits ouverts ({figures.Open} = installés − fermés + supplémentaires).");
        else if (figures.Reserved > figures.Open - figures.Occupied)
            errors.Add("reserved", $"Les lits réservés ({figures.Reserved}) ne peuvent pas dépasser les lits libres ({figures.Open - figures.Occupied} = ouverts − occupés).");
        return errors.IsEmpty ? figures : null;
    }

    /// <summary>A required whole count within 0..<see cref="BedLimits.MaxCount"/>, named in the message.</summary>
    internal static void Range(string field, int? value, string label, FieldErrors errors)
    {
        if (value is null)
            errors.Add(field, $"Le champ {field} ({label}) est obligatoire.");
        else if (value < 0 || value > BedLimits.MaxCount)
            errors.Add(field, $"Le champ {field} ({label}) doit être un entier entre 0 et {BedLimits.MaxCount} (reçu {value}).");
    }
}
