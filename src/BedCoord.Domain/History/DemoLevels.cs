using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.History;

/// <summary>
/// Raises the alerts the grid would have raised over generated inputs: the same evaluator, rule sets and
/// hysteresis as the live aggregates, applied after each input to the scopes it changed.
/// </summary>
public sealed class DemoLevels(GridModel model, Func<ScopeRef, RuleSet> rulesOf)
{
    private readonly Dictionary<ScopeRef, Dictionary<string, int>> _ruleLevels = new();
    private readonly Dictionary<ScopeRef, int> _levels = new();

    public IEnumerable<Alert> Apply(HistoryEvent input)
    {
        foreach (var scope in model.Apply(input))
        {
            if (scope.Kind == ScopeKind.Unit || model.SummaryOf(scope) is not { } summary) continue;
            var evaluation = LevelEvaluator.Evaluate(rulesOf(scope), summary, _ruleLevels.GetValueOrDefault(scope));
            _ruleLevels[scope] = new Dictionary<string, int>(evaluation.RuleLevels);
            int? previous = _levels.TryGetValue(scope, out var p) ? p : null;
            var id = Guid.CreateVersion7(input.At).ToString();
            if (AlertRules.OnChange(id, scope, summary.Name, previous, evaluation, null, input.At) is not { } alert) continue;
            _levels[scope] = alert.To;
            model.Apply(new LevelEvent(alert.Id, alert.At, scope, alert.To, alert.ComputedLevel, alert.DeclaredLevel, alert.Cause));
            yield return alert;
        }
    }
}
