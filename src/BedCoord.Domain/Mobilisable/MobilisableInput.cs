using BedCoord.Domain.Beds;

namespace BedCoord.Domain.Mobilisable;

/// <summary>
/// The optional mobilisable part of a unit's PUT: three counts (omitted = 0) and, for each, an optional delay
/// in hours, 24 or 72 (omitted = not stated).
/// </summary>
public sealed record MobilisableInput(
    int? Reopenable = null, int? ReopenableWithinHours = null,
    int? SurgeWithoutStaff = null, int? SurgeWithoutStaffWithinHours = null,
    int? SurgeWithStaff = null, int? SurgeWithStaffWithinHours = null)
{
    public static readonly IReadOnlyList<string> FieldNames =
    [
        "reopenable", "reopenableWithinHours", "surgeWithoutStaff", "surgeWithoutStaffWithinHours",
        "surgeWithStaff", "surgeWithStaffWithinHours",
    ];

    public static readonly IReadOnlyList<int> Delays = [24, 72];

    /// <summary>Checks the bounds, reopenable ≤ closed and the delays; the figures only when nothing is wrong.</summary>
    public MobilisableFigures? Validate(int? closed, FieldErrors errors)
    {
        Count("reopenable", Reopenable, "lits fermés réouvrables", errors);
        Count("surgeWithoutStaff", SurgeWithoutStaff, "lits supplémentaires sans renfort de personnel", errors);
        Count("surgeWithStaff", SurgeWithStaff, "lits supplémentaires avec renfort de personnel", errors);
        Delay("reopenableWithinHours", ReopenableWithinHours, errors);
        Delay("surgeWithoutStaffWithinHours", SurgeWithoutStaffWithinHours, errors);
        Delay("surgeWithStaffWithinHours", SurgeWithStaffWithinHours, errors);
        if (closed is { } c && !errors.Has("reopenable") && (Reopenable ?? 0) > c)
            errors.Add("reopenable", $"Les lits réouvrables ({Reopenable}) ne peuvent pas dépasser les lits fermés ({c}).");
        if (FieldNames.Any(errors.Has)) return null;
        return MobilisableFigures.Of(Reopenable ?? 0, ReopenableWithinHours, SurgeWithoutStaff ?? 0, SurgeWithoutStaffWithinHours,
            SurgeWithStaff ?? 0, SurgeWithStaffWithinHours);
    }

    private static void Count(string field, int? value, string label, FieldErrors errors)
    {
        if (value is < 0 or > BedLimits.MaxCount)
            errors.Add(field, $"Le champ {field} ({label}) doit être un entier entre 0 et {BedLimits.MaxCount} (reçu {value}).");
    }

    private static void Delay(string field, int? value, FieldErrors errors)
    {
        if (value is { } v && !Delays.Contains(v))
            errors.Add(field, $"Le champ {field} doit valoir 24 (sous 24 h) ou 72 (sous 72 h), ou être omis (reçu {v}).");
    }
}
