using BedCoord.Domain.Beds;

namespace BedCoord.Domain.Crisis;

/// <summary>A request from an establishment to its territorial cell (issue 10 item 5).</summary>
public sealed record ReinforcementRequest(
    string Id,
    string EstablishmentId,
    string DepartmentCode,
    string Kind,
    string Urgency,
    string Text,
    int? Count,
    string? Category,
    string Status,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    DateTimeOffset? TakenAt,
    string? TakenBy,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    string? Answer)
{
    public bool IsOpen => Status is RequestRules.Open or RequestRules.Taken;
}

public sealed record RequestInput(string? Kind, string? Urgency, string? Text, int? Count, string? Category);

/// <summary>Kinds, urgencies and the status machine of requests: ouverte → prise en charge → satisfaite / refusée.</summary>
public static class RequestRules
{
    public const string Open = "open";
    public const string Taken = "taken";
    public const string Satisfied = "satisfied";
    public const string Refused = "refused";

    public static readonly IReadOnlyList<string> Kinds = ["staff", "beds", "transfer", "equipment"];
    public static readonly IReadOnlyList<string> Urgencies = ["routine", "urgent", "immediate"];
    public static readonly IReadOnlyList<string> Statuses = [Open, Taken, Satisfied, Refused];
    public const int MaxText = 2000;
    public const int MaxCount = 500;

    public static bool CanMove(string from, string to) => (from, to) switch
    {
        (Open, Taken or Satisfied or Refused) => true,
        (Taken, Satisfied or Refused) => true,
        _ => false,
    };

    public static RequestInput? Validate(RequestInput? input, FieldErrors errors)
    {
        if (input is null) { errors.Add("$", "Corps vide."); return null; }
        if (!Kinds.Contains(input.Kind ?? "")) errors.Add("kind", $"Type de demande attendu : {string.Join(", ", Kinds)}.");
        if (!Urgencies.Contains(input.Urgency ?? "")) errors.Add("urgency", $"Urgence attendue : {string.Join(", ", Urgencies)}.");
        if (string.IsNullOrWhiteSpace(input.Text) || input.Text.Trim().Length > MaxText) errors.Add("text", $"Le texte est obligatoire (au plus {MaxText} caractères).");
        if (input.Count is < 1 or > MaxCount) errors.Add("count", $"Le nombre est de 1 à {MaxCount}.");
        if (input.Kind == "transfer" && input.Count is null) errors.Add("count", "Un transfert précise le nombre de patients.");
        if (input.Category is { Length: > 20 }) errors.Add("category", "Catégorie de 20 caractères au plus (MED, CHIR, REA…).");
        return errors.IsEmpty ? input with { Text = input.Text!.Trim() } : null;
    }

    /// <summary>The request after a cell's step, or null with an error under "status".</summary>
    public static ReinforcementRequest? Move(ReinforcementRequest r, string? to, string by, string? answer, DateTimeOffset now, FieldErrors errors)
    {
        if (!Statuses.Contains(to ?? "")) { errors.Add("status", "Statut attendu : taken, satisfied ou refused."); return null; }
        if (!CanMove(r.Status, to!)) { errors.Add("status", $"Une demande « {Label(r.Status)} » ne peut pas passer à « {Label(to!)} »."); return null; }
        if (answer is { Length: > MaxText }) { errors.Add("answer", $"La réponse ne doit pas dépasser {MaxText} caractères."); return null; }
        return to == Taken
            ? r with { Status = Taken, TakenAt = now, TakenBy = by, Answer = answer ?? r.Answer }
            : r with { Status = to!, ClosedAt = now, ClosedBy = by, Answer = answer ?? r.Answer, TakenAt = r.TakenAt ?? now, TakenBy = r.TakenBy ?? by };
    }

    public static string Label(string status) => status switch
    {
        Open => "ouverte",
        Taken => "prise en charge",
        Satisfied => "satisfaite",
        Refused => "refusée",
        _ => status,
    };

    public static string KindLabel(string kind) => kind switch
    {
        "staff" => "renfort de personnel",
        "beds" => "lits",
        "transfer" => "transfert de patients",
        "equipment" => "matériel",
        _ => kind,
    };
}
