using BedCoord.Domain.Beds;
using BedCoord.Domain.Bjml;

namespace BedCoord.Domain.Report;

/// <summary>Statuses of a meeting action, as the API spells them.</summary>
public static class ActionStatus
{
    public const string Open = "ouverte";
    public const string InProgress = "en-cours";
    public const string Closed = "close";

    public static readonly IReadOnlyList<string> All = [Open, InProgress, Closed];

    public static string Label(string status) => status switch { Open => "Ouverte", InProgress => "En cours", _ => "Close" };
}

/// <summary>
/// One revision of an action recorded at a weekly meeting (what, establishment, owner, due date, status).
/// Every change is a new revision; the action is its latest one. Week is the meeting where it was recorded.
/// </summary>
public sealed record MeetingAction(
    long Id,
    int Revision,
    string Department,
    string Week,
    string What,
    string? Establishment,
    string Owner,
    DateOnly? DueDate,
    string Status,
    DateTimeOffset ChangedAt,
    string ChangedBy)
{
    public string StatusLabel => ActionStatus.Label(Status);

    /// <summary>
    /// The actions of a week's report: those recorded at that meeting, and those of earlier meetings not closed
    /// before the week began (so an action closed during the week's meeting is still shown, as closed; one entered
    /// late for an earlier meeting counts as open since that meeting). Each action
    /// is shown as it stands at <paramref name="asOf"/> (now for a live report).
    /// </summary>
    public static IReadOnlyList<MeetingAction> ForWeek(IEnumerable<MeetingAction> revisions, IsoWeek week, DateTimeOffset asOf)
    {
        var weekStart = ReportWeek.Start(week);
        var shown = new List<MeetingAction>();
        foreach (var history in revisions.GroupBy(r => r.Id))
        {
            var ordered = history.OrderBy(r => r.Revision).ToList();
            if (!ReportWeek.TryParse(ordered[0].Week, out var recorded)) continue;
            var current = ordered.LastOrDefault(r => r.ChangedAt <= asOf);
            if (current is null) continue;
            var atWeekStart = ordered.LastOrDefault(r => r.ChangedAt < weekStart);
            var include = Compare(recorded, week) == 0
                || (Compare(recorded, week) < 0 && atWeekStart?.Status != ActionStatus.Closed);
            if (include) shown.Add(current);
        }
        return shown.OrderBy(a => a.Status == ActionStatus.Closed).ThenBy(a => a.DueDate ?? DateOnly.MaxValue).ThenBy(a => a.Id).ToList();
    }

    private static int Compare(IsoWeek a, IsoWeek b) => a.Year != b.Year ? a.Year.CompareTo(b.Year) : a.Week.CompareTo(b.Week);
}

/// <summary>An action as a client sends it; on a change, fields left out keep their value.</summary>
public sealed record MeetingActionInput(string? What, string? Establishment, string? Owner, string? DueDate, string? Status)
{
    public const int MaxWhat = 500;
    public const int MaxOwner = 200;
    public static readonly IReadOnlyList<string> FieldNames = ["what", "establishment", "owner", "dueDate", "status"];

    /// <summary>The new revision, or null with <paramref name="errors"/> filled. <paramref name="isEstablishment"/> checks a FINESS of the département.</summary>
    public MeetingAction? Apply(MeetingAction basis, Func<string, bool> isEstablishment, FieldErrors errors)
    {
        var what = (What ?? basis.What).Trim();
        if (what.Length == 0) errors.Add("what", "Décrivez l'action.");
        else if (what.Length > MaxWhat) errors.Add("what", $"{MaxWhat} caractères au plus.");
        var owner = (Owner ?? basis.Owner).Trim();
        if (owner.Length == 0) errors.Add("owner", "Indiquez qui porte l'action.");
        else if (owner.Length > MaxOwner) errors.Add("owner", $"{MaxOwner} caractères au plus.");
        var establishment = Establishment is null ? basis.Establishment : Establishment.Trim() is { Length: > 0 } e ? e : null;
        if (establishment is not null && !isEstablishment(establishment))
            errors.Add("establishment", "Cet établissement n'est pas dans le département.");
        var due = basis.DueDate;
        if (DueDate is not null)
        {
            if (DueDate.Trim().Length == 0) due = null;
            else if (DateOnly.TryParseExact(DueDate.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)) due = d;
            else errors.Add("dueDate", "Échéance au format AAAA-MM-JJ.");
        }
        var status = Status ?? basis.Status;
        if (!ActionStatus.All.Contains(status)) errors.Add("status", "Statut : ouverte, en-cours ou close.");
        return errors.IsEmpty ? basis with { What = what, Owner = owner, Establishment = establishment, DueDate = due, Status = status } : null;
    }
}
