using System.Globalization;
using System.Security.Cryptography;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Webhooks;

/// <summary>A subscription as asked for, checked field by field; every refusal names its field.</summary>
public sealed record WebhookInput(string? Url, string? Scope, string? Format, int? IntervalSeconds, string? Secret)
{
    public static readonly IReadOnlyList<string> FieldNames = ["url", "scope", "format", "intervalSeconds", "secret"];
    public const int MaxUrlLength = 2000;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 200;

    public ValidWebhook? Validate(WebhookOptions options, TerritoryCatalog territory, FieldErrors errors)
    {
        var url = CheckUrl(Url, errors);
        var scope = CheckScope(Scope, territory, errors);
        if (Format is null) errors.Add("format", $"Le champ format est obligatoire ({string.Join(", ", WebhookFormat.All)}).");
        else if (!WebhookFormat.All.Contains(Format))
            errors.Add("format", $"Format inconnu « {Short(Format)} » (attendus : {string.Join(", ", WebhookFormat.All)}).");
        var min = (int)Math.Ceiling(options.MinIntervalSeconds);
        var max = (int)Math.Floor(options.MaxIntervalSeconds);
        var interval = IntervalSeconds ?? (int)options.DefaultIntervalSeconds;
        if (interval < min || interval > max)
            errors.Add("intervalSeconds", $"L'intervalle minimal entre deux envois doit être compris entre {N(min)} et {N(max)} secondes (reçu {N(interval)}).");
        if (Secret is not null && (Secret.Length < MinSecretLength || Secret.Length > MaxSecretLength || Secret.Any(c => c < 0x21 || c > 0x7e)))
            errors.Add("secret", $"Le secret doit compter {MinSecretLength} à {MaxSecretLength} caractères ASCII visibles, sans espace ; omettez-le pour qu'il soit généré.");
        if (!errors.IsEmpty || url is null || scope is not { } s) return null;
        return new ValidWebhook(url, s, Format!, interval, Secret ?? NewSecret(), Secret is null);
    }

    /// <summary>32 random bytes, base64url: what the server generates when the caller gives no secret.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>"department/31" as the exports write it, or "department:31" as the hub and alerts do.</summary>
    public static bool TryParseScope(string? text, out ScopeRef scope)
    {
        scope = default;
        if (string.IsNullOrEmpty(text)) return false;
        var cut = text.IndexOfAny(['/', ':']);
        if (cut <= 0 || !ScopeKinds.TryParse(text[..cut], out var kind) || kind == ScopeKind.Unit) return false;
        scope = new ScopeRef(kind, text[(cut + 1)..]);
        return scope.Id.Length > 0;
    }

    public static string Describe(ScopeRef scope) => $"{scope.Kind.Name()}/{scope.Id}";

    private static Uri? CheckUrl(string? text, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) { errors.Add("url", "Le champ url est obligatoire (adresse http:// ou https:// du récepteur)."); return null; }
        if (text.Length > MaxUrlLength) { errors.Add("url", $"L'adresse ne doit pas dépasser {MaxUrlLength} caractères."); return null; }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add("url", $"« {Short(text)} » n'est pas une adresse absolue (attendu : https://hote.exemple/chemin).");
            return null;
        }
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add("url", $"Schéma « {Short(uri.Scheme)} » refusé : seuls http et https sont acceptés.");
            return null;
        }
        // Credentials in a URL end up in logs and in the list answer: the secret is what authenticates us.
        if (!string.IsNullOrEmpty(uri.UserInfo)) { errors.Add("url", "L'adresse ne doit pas contenir d'identifiants (utilisateur:mot de passe@) : la signature authentifie les envois."); return null; }
        if (!string.IsNullOrEmpty(uri.Fragment)) { errors.Add("url", "L'adresse ne doit pas contenir de fragment (#…)."); return null; }
        return uri;
    }

    private static ScopeRef? CheckScope(string? text, TerritoryCatalog territory, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) { errors.Add("scope", "Le champ scope est obligatoire : region/OCC, sector/SUD, department/31 ou establishment/{finess}."); return null; }
        if (!TryParseScope(text, out var scope))
        {
            errors.Add("scope", $"« {Short(text)} » n'est pas un périmètre : region/OCC, sector/SUD, department/31 ou establishment/{{finess}}.");
            return null;
        }
        if (!territory.Contains(scope)) { errors.Add("scope", $"Périmètre inconnu « {Short(text)} »."); return null; }
        return scope;
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Short(string s) => s.Length <= 60 ? s : s[..60] + "…";
}

/// <summary>A subscription ready to store; <see cref="SecretGenerated"/> says whether the answer must show the secret.</summary>
public sealed record ValidWebhook(Uri Url, ScopeRef Scope, string Format, int IntervalSeconds, string Secret, bool SecretGenerated);
