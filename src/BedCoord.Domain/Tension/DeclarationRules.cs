using System.Globalization;
using BedCoord.Domain.Beds;

namespace BedCoord.Domain.Tension;

/// <summary>Declaring and lifting a level by hand (domain.md §6 "Declared level").</summary>
public static class DeclarationRules
{
    public const int MaxReasonLength = 500;
    public static readonly TimeSpan MaxExpiry = TimeSpan.FromDays(30);

    /// <summary>The durations the board offers; anything else is an absolute date.</summary>
    public static readonly IReadOnlyDictionary<string, TimeSpan> Durations = new Dictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase)
    {
        ["1h"] = TimeSpan.FromHours(1),
        ["3h"] = TimeSpan.FromHours(3),
        ["6h"] = TimeSpan.FromHours(6),
    };

    /// <summary>The declaration to store, stamped now by <paramref name="by"/>; null with named errors when invalid.</summary>
    public static Declaration? Parse(DeclarationInput? input, string by, DateTimeOffset now, FieldErrors errors)
    {
        if (input is null)
        {
            errors.Add("body", "Le corps de la requête est vide : attendu {\"level\",\"reason\",\"expiresAt\"}.");
            return null;
        }
        int level = 0;
        if (string.IsNullOrWhiteSpace(input.Level))
            errors.Add("level", "Le champ level est obligatoire : normal, tension, tension-forte, crise ou 0 à 3.");
        else if (!TensionLevel.TryParse(input.Level, out level))
            errors.Add("level", $"Niveau inconnu « {input.Level} » : attendu normal, tension, tension-forte, crise ou 0 à 3.");

        var reason = Reason(input.Reason, "reason", errors);
        var expiresAt = Expiry(input.ExpiresAt, now, errors);
        return errors.IsEmpty ? new Declaration(level, reason!, by, now, expiresAt) : null;
    }

    /// <summary>Lifting needs a reason too; the trimmed reason, or null with an error under "reason".</summary>
    public static string? LiftReason(string? reason, FieldErrors errors) => Reason(reason, "reason", errors);

    /// <summary>The declaration still in force at <paramref name="now"/>, or null once it expired.</summary>
    public static Declaration? Active(Declaration? declaration, DateTimeOffset now) =>
        declaration is not null && declaration.IsActiveAt(now) ? declaration : null;

    /// <summary>Effective level = max(computed, declared); an expired declaration counts for nothing.</summary>
    public static int EffectiveLevel(int computed, Declaration? declaration, DateTimeOffset now) =>
        Math.Max(computed, Active(declaration, now)?.Level ?? TensionLevel.Normal);

    private static string? Reason(string? text, string field, FieldErrors errors)
    {
        var reason = text?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            errors.Add(field, "Le champ reason (motif) est obligatoire.");
            return null;
        }
        if (reason.Length > MaxReasonLength)
        {
            errors.Add(field, $"Le motif ne peut pas dépasser {MaxReasonLength} caractères (reçu {reason.Length}).");
            return null;
        }
        return reason;
    }

    private static DateTimeOffset? Expiry(string? text, DateTimeOffset now, FieldErrors errors)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (Durations.TryGetValue(value, out var duration)) return now + duration;

        // A date alone would leave the hour to guess, so an absolute expiry names its time too.
        if (!value.Contains('T') || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            errors.Add("expiresAt", $"Le champ expiresAt doit être null (jusqu'à levée), \"1h\", \"3h\", \"6h\" ou une date et heure ISO 8601, ex. 2026-03-01T18:00:00Z (reçu « {text} »).");
            return null;
        }
        if (at <= now)
            errors.Add("expiresAt", $"La date d'expiration {at:yyyy-MM-dd'T'HH:mm:ss'Z'} est déjà passée.");
        else if (at - now > MaxExpiry)
            errors.Add("expiresAt", $"La date d'expiration ne peut pas être à plus de {MaxExpiry.Days} jours (reçu {at:yyyy-MM-dd'T'HH:mm:ss'Z'}).");
        return at;
    }
}
