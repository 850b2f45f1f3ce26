using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Crisis;

/// <summary>
/// What opens a checklist (issue 10 item 3): a declaration (PMI or plan blanc on an establishment; any declaration on
/// a territorial scope) or the computed level reaching tension forte or crise.
/// </summary>
public static class MeasureTriggers
{
    public const string Pmi = "pmi";
    public const string PlanBlanc = "plan-blanc";
    public const string TensionForte = "tension-forte";
    public const string Crise = "crise";
    public const string Territorial = "territorial";

    public static readonly IReadOnlyList<string> All = [Pmi, PlanBlanc, TensionForte, Crise, Territorial];

    /// <summary>Triggers that belong to a declaration, so that lifting it lifts their measures.</summary>
    public static bool IsDeclared(string trigger) => trigger is Pmi or PlanBlanc or Territorial;

    public static string Label(string trigger) => trigger switch
    {
        Pmi => "Plan de mobilisation interne",
        PlanBlanc => "Plan blanc",
        TensionForte => "Niveau calculé ≥ tension forte",
        Crise => "Niveau calculé crise",
        Territorial => "Cellule territoriale",
        _ => trigger,
    };

    /// <summary>
    /// The trigger a declaration reaches. On an establishment, a reason naming the plan decides; otherwise the level
    /// does: crise is the plan blanc (SSE), tension and tension forte the PMI (crisis-notes §3.2). A territorial
    /// declaration opens the territorial cell's checklist.
    /// </summary>
    public static string? ForDeclaration(ScopeKind scope, Declaration declaration)
    {
        if (declaration.Level <= TensionLevel.Normal) return null;
        if (scope != ScopeKind.Establishment) return Territorial;
        var reason = declaration.Reason.ToLowerInvariant();
        if (reason.Contains("plan blanc")) return PlanBlanc;
        if (reason.Contains("pmi") || reason.Contains("mobilisation interne")) return Pmi;
        return declaration.Level >= TensionLevel.Crise ? PlanBlanc : Pmi;
    }

    /// <summary>The computed-level triggers reached at <paramref name="computedLevel"/>, lowest first.</summary>
    public static IReadOnlyList<string> ForComputedLevel(int computedLevel) => computedLevel switch
    {
        >= TensionLevel.Crise => [TensionForte, Crise],
        TensionLevel.TensionForte => [TensionForte],
        _ => [],
    };

    /// <summary>Triggers reached now whose checklist is not already open on the scope: those to open.</summary>
    public static IReadOnlyList<string> ToOpen(IEnumerable<string> reached, IReadOnlyCollection<string> alreadyOpen) =>
        reached.Where(t => !alreadyOpen.Contains(t)).Distinct().ToList();
}
