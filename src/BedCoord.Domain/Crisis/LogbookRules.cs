using BedCoord.Domain.Beds;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Crisis;

/// <summary>What a person may append to a main courante (api-v1 § Crisis cell).</summary>
public static class LogbookRules
{
    public const int MaxText = 4000;
    public const int MaxSource = 200;
    /// <summary>An event reported as happening a little ahead of the server's clock is a clock skew, not a prophecy.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public static LogbookDraft? Validate(ScopeRef scope, LogbookInput input, string author, string role, DateTimeOffset now, FieldErrors errors)
    {
        if (input.Kind is null) errors.Add("kind", $"Le champ kind est obligatoire : {string.Join(", ", LogbookKinds.ByPeople)}.");
        else if (!LogbookKinds.ByPeople.Contains(input.Kind))
            errors.Add("kind", $"Type d'entrée inconnu « {Short(input.Kind)} » : attendu {string.Join(", ", LogbookKinds.ByPeople)}.");
        Text(input.Text, errors);
        if (input.Source is { Length: > MaxSource }) errors.Add("source", $"La source ne doit pas dépasser {MaxSource} caractères.");
        if (input.Check is not null && !LogbookKinds.Checks.Contains(input.Check))
            errors.Add("check", $"Statut de vérification inconnu « {Short(input.Check)} » : attendu to-verify, verifying ou verified.");
        if (input.EventAt is { } at && at > now + FutureTolerance)
            errors.Add("eventAt", "L'heure de l'événement ne peut pas être dans le futur.");
        if (input.Corrects is { } c && (c.Length == 0 || c.Length > 64)) errors.Add("corrects", "corrects doit être l'identifiant d'une entrée.");
        if (!errors.IsEmpty) return null;
        var source = string.IsNullOrWhiteSpace(input.Source) ? null : input.Source.Trim();
        return new LogbookDraft(scope, input.Kind!, input.Text!.Trim(), source, input.EventAt?.ToUniversalTime(), input.Check, input.Corrects, author, role);
    }

    public static void Text(string? text, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) errors.Add("text", "Le texte est obligatoire (1 à 4 000 caractères).");
        else if (text.Trim().Length > MaxText) errors.Add("text", $"Le texte ne doit pas dépasser {MaxText} caractères (reçu {text.Trim().Length}).");
    }

    private static string Short(string s) => s.Length <= 30 ? s : s[..30] + "…";
}

public sealed record LogbookInput(string? Kind, string? Text, string? Source, DateTimeOffset? EventAt, string? Check, string? Corrects);
