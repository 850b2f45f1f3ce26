namespace BedCoord.Domain.Crisis;

/// <summary>A measure's checklist status: à engager → engagée → réalisée / levée / sans objet.</summary>
public static class MeasureStatus
{
    public const string Planned = "planned";
    public const string Engaged = "engaged";
    public const string Done = "done";
    public const string Lifted = "lifted";
    public const string NotApplicable = "not-applicable";

    public static readonly IReadOnlyList<string> All = [Planned, Engaged, Done, Lifted, NotApplicable];

    public static bool IsOpen(string status) => status is Planned or Engaged;

    /// <summary>
    /// Forward only: a closed measure stays closed (reopening one is a new decision, logged as such), and a
    /// planned measure may be closed without being engaged (done at once, or found not to apply).
    /// </summary>
    public static bool CanMove(string from, string to) => (from, to) switch
    {
        _ when from == to => true,
        (Planned, Engaged or Done or Lifted or NotApplicable) => true,
        (Engaged, Done or Lifted or NotApplicable) => true,
        _ => false,
    };

    public static string Label(string status) => status switch
    {
        Planned => "à engager",
        Engaged => "engagée",
        Done => "réalisée",
        Lifted => "levée",
        NotApplicable => "sans objet",
        _ => status,
    };
}
