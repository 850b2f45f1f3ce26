using System.Globalization;
using BedCoord.Domain.Beds;

namespace BedCoord.Domain.BedBlockers;

/// <summary>A register line as posted, checked field by field; the fields other than these are refused by the endpoint.</summary>
public sealed record BedBlockerInput(string? UnitId, string? Destination, string? Since, bool? ViaTrajectoire)
{
    public static readonly IReadOnlyList<string> FieldNames = ["unitId", "destination", "since", "viaTrajectoire"];

    /// <summary>How long ago a line may start: older dates are typing mistakes, not patients.</summary>
    public const int MaxDaysWaiting = 3 * 365;

    // Field names that would identify a patient, refused with a message that says why rather than "unknown".
    private static readonly HashSet<string> Identifying = new(StringComparer.OrdinalIgnoreCase)
    {
        "name", "firstName", "lastName", "surname", "givenName", "familyName", "patientName", "nom", "prenom", "prénom",
        "birthDate", "dateOfBirth", "dob", "birthdate", "dateNaissance", "age", "sex", "gender", "sexe",
        "nir", "ssn", "ins", "ipp", "nda", "patientId", "address", "adresse", "phone", "email", "initials",
    };

    /// <summary>The message for a field that is not one of <see cref="FieldNames"/>.</summary>
    public static string Refusal(string field) => Identifying.Contains(field)
        ? $"Le champ {field} identifierait le patient : le registre est anonyme, seuls {string.Join(", ", FieldNames)} sont acceptés."
        : $"Champ inconnu « {(field.Length <= 40 ? field : field[..40] + "…")} » : le registre est anonyme, seuls {string.Join(", ", FieldNames)} sont acceptés.";

    /// <param name="units">The establishment's unit ids, for <c>unitId</c>.</param>
    /// <param name="today">Today in Europe/Paris, for <c>since</c>.</param>
    public (string? UnitId, string Destination, DateOnly Since, bool ViaTrajectoire)? Validate(
        IReadOnlyCollection<string> units, DateOnly today, FieldErrors errors)
    {
        if (UnitId is not null && !units.Contains(UnitId))
            errors.Add("unitId", $"Service « {(UnitId.Length <= 40 ? UnitId : UnitId[..40] + "…")} » inconnu dans cet établissement (ou omettez unitId).");
        if (Destination is null)
            errors.Add("destination", $"Le champ destination est obligatoire, parmi : {BedBlockerDestinations.Codes}.");
        else if (!BedBlockerDestinations.IsKnown(Destination))
            errors.Add("destination", $"Destination inconnue, attendue parmi : {BedBlockerDestinations.Codes}.");
        DateOnly since = default;
        if (Since is null)
            errors.Add("since", "Le champ since (date depuis laquelle le patient est sortant, AAAA-MM-JJ) est obligatoire.");
        else if (!DateOnly.TryParseExact(Since, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out since))
            errors.Add("since", "Le champ since doit être une date AAAA-MM-JJ.");
        else if (since > today)
            errors.Add("since", $"La date since ({Since}) ne peut pas être dans le futur.");
        else if (today.DayNumber - since.DayNumber > MaxDaysWaiting)
            errors.Add("since", $"La date since ({Since}) remonte à plus de {MaxDaysWaiting} jours : vérifiez la saisie.");
        return errors.IsEmpty ? (UnitId, Destination!, since, ViaTrajectoire ?? false) : null;
    }
}
