using System.Text.RegularExpressions;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;

namespace BedCoord.Domain.Contacts;

/// <summary>One contact of a PUT …/contacts list as sent; <see cref="Validate"/> names each bad field as <c>[i].field</c>.</summary>
public sealed partial record ContactInput(string? Role, string? BedManager, string? Phone, string? Hours, string? From, string? To, IReadOnlyList<int>? Days)
{
    public static readonly IReadOnlyList<string> FieldNames = ["role", "bedManager", "phone", "hours", "from", "to", "days"];

    /// <summary>More would not be a duty roster but a directory.</summary>
    public const int MaxContacts = 20;

    [GeneratedRegex(@"^[0-9+() .\-]{0,30}$")]
    private static partial Regex PhonePattern();

    public Contact? Validate(string prefix, FieldErrors errors)
    {
        var ok = true;
        void Error(string field, string message) { errors.Add($"{prefix}{field}", message); ok = false; }
        if (BedManager is null && Phone is null && Role is null)
            Error("bedManager", "Donnez au moins un nom (bedManager), un rôle (role) ou un téléphone (phone).");
        if (Phone is not null && !PhonePattern().IsMatch(Phone))
            Error("phone", "Le téléphone ne peut contenir que des chiffres, espaces, +, (, ), . et -.");
        if (From is not null && !ContactRoster.TryParseTime(From, out _)) Error("from", "L'heure de début est au format HH:mm (heure de Paris), par exemple 07:30.");
        if (To is not null && !ContactRoster.TryParseTime(To, out _)) Error("to", "L'heure de fin est au format HH:mm (heure de Paris), par exemple 20:00.");
        if ((From is null) != (To is null)) Error(From is null ? "from" : "to", "Donnez from et to ensemble (ou aucun des deux pour 24 h/24).");
        if (Days is not null && (Days.Count == 0 || Days.Any(d => d is < 1 or > 7)))
            Error("days", "Les jours sont des numéros ISO de 1 (lundi) à 7 (dimanche), au moins un.");
        if (!ok) return null;
        var contact = new Contact(BedManager, Phone, Hours, Role, From, To, Days?.Distinct().Order().ToList());
        return contact with { Hours = Hours ?? ContactRoster.Describe(contact) };
    }
}
