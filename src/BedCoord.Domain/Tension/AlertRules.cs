using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Tension;

/// <summary>When a level change makes an alert, and what its cause says (domain.md §6 "Alerts").</summary>
public static class AlertRules
{
    /// <summary>
    /// Due on every change of the effective level. A scope never evaluated before (previous null) alerts only
    /// when it starts above normal, so bringing the grid up does not flood the board with "normal" alerts.
    /// </summary>
    public static bool IsDue(int? previousLevel, int level) =>
        previousLevel is { } from ? from != level : level > TensionLevel.Normal;

    /// <summary>
    /// The alert for a scope whose effective level went from <paramref name="previousLevel"/> to
    /// max(computed, active declaration), or null when none is due. The id is the caller's, so this stays pure.
    /// </summary>
    public static Alert? OnChange(string id, ScopeRef scope, string name, int? previousLevel,
        LevelEvaluation computed, Declaration? declaration, DateTimeOffset at, string? causeOverride = null)
    {
        var active = DeclarationRules.Active(declaration, at);
        var level = Math.Max(computed.Level, active?.Level ?? TensionLevel.Normal);
        if (!IsDue(previousLevel, level)) return null;
        return new Alert(id, scope.Kind, scope.Id, name, previousLevel ?? TensionLevel.Normal, level,
            computed.Level, active?.Level, causeOverride ?? Cause(computed, active), at);
    }

    /// <summary>
    /// The declaration when it sets the level (it is at or above the computed one), else the rule that does.
    /// </summary>
    public static string Cause(LevelEvaluation computed, Declaration? activeDeclaration)
    {
        if (activeDeclaration is { } d && d.Level > TensionLevel.Normal && d.Level >= computed.Level)
            return Declared(d);
        return computed.CauseText;
    }

    public static string Declared(Declaration d) =>
        $"Niveau {TensionLevel.Label(d.Level).ToLowerInvariant()} déclaré par {d.By} : {d.Reason}";

    /// <summary>The cause to pass as override when a person lifts a declaration.</summary>
    public static string Lifted(string by, string reason) => $"Déclaration levée par {by} : {reason}";

    /// <summary>The cause to pass as override when a declaration reaches its expiry.</summary>
    public static string Expired(Declaration d) =>
        $"Fin de la déclaration {TensionLevel.Label(d.Level).ToLowerInvariant()} de {d.By} (expirée)";
}
