using System.Text.Json;
using System.Text.Json.Nodes;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Crisis;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.Crisis;
using BedCoord.Server.Reports;

namespace BedCoord.Server.Crisis;

/// <summary>Opens checklists when a trigger is reached, moves measures, lifts them with a declaration; every step logged.</summary>
public sealed class MeasureService(MeasureStore store, CrisisJournal journal, CrisisNotifier notifier, TerritoryCatalogHolder territory, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public async Task<TemplateSet> TemplatesAsync(ScopeRef scope)
    {
        var own = await store.TemplatesAsync(scope);
        if (own is null) return new TemplateSet(true, DefaultTemplates.Notice, DefaultTemplates.All, null, null);
        // A trigger the scope left out of its edit keeps the default, so that reaching it still opens something.
        var merged = MeasureTriggers.All.Select(t => own.Value.Templates.FirstOrDefault(x => x.Trigger == t) ?? DefaultTemplates.For(t)).ToList();
        return new TemplateSet(false, "Modèle adapté par la cellule ; les déclencheurs non modifiés gardent le modèle par défaut.", merged, own.Value.At, own.Value.By);
    }

    /// <summary>Opens the trigger's checklist on the scope unless one is open already; the opened measures, or none.</summary>
    public async Task<IReadOnlyList<Measure>> OpenAsync(ScopeRef scope, string trigger, string by)
    {
        var templates = (await TemplatesAsync(scope)).Templates.First(t => t.Trigger == trigger);
        var measures = Measure.Open(scope, templates, clock.GetUtcNow(), by, () => Guid.CreateVersion7().ToString());
        if (measures.Count == 0 || !await store.OpenAsync(scope, CellAccess.PathOf(territory, scope), trigger, measures)) return [];
        await journal.SystemAsync(scope,
            $"Mesures ouvertes ({MeasureTriggers.Label(trigger)}) sur {journal.NameOf(scope)} : {measures.Count} mesures à engager — " +
            string.Join(" ; ", measures.Select(m => m.Title)) + ".",
            $"trigger:{trigger}", new JsonObject { ["measures"] = JsonSerializer.SerializeToNode(measures.Select(m => new { m.Id, m.Code, m.DueAt }), Web) });
        notifier.Notify(scope, CrisisNotifier.Measure, null, trigger);
        return measures;
    }

    /// <summary>A person's change to a measure: null when there is no such measure on the scope.</summary>
    public async Task<(Measure Before, Measure? After)?> PatchAsync(ScopeRef scope, string id, MeasurePatch patch, string by, FieldErrors errors)
    {
        var now = clock.GetUtcNow();
        var result = await store.UpdateAsync(scope, id, m => MeasureRules.Apply(m, patch, by, now, errors));
        if (result is not { After: { } after } r) return result;
        await journal.SystemAsync(scope, $"Mesure « {after.Title} » : {MeasureRules.Describe(r.Before, after)} (par {by}).", $"measure:{after.Id}", Extra(after));
        notifier.Notify(scope, CrisisNotifier.Measure, after.Id, after.Status);
        return result;
    }

    /// <summary>Lifting a declaration lifts each open measure of a declared trigger on the scope, one logged line each.</summary>
    public async Task<int> LiftDeclaredAsync(ScopeRef scope, string by)
    {
        var lifted = 0;
        foreach (var m in await store.OpenOnScopeAsync(scope))
        {
            if (!MeasureTriggers.IsDeclared(m.Trigger)) continue;
            var now = clock.GetUtcNow();
            var result = await store.UpdateAsync(scope, m.Id, current => current.IsOpen ? MeasureRules.Lift(current, by, now) : null);
            if (result is not { After: { } after }) continue;
            lifted++;
            await journal.SystemAsync(scope, $"Mesure « {after.Title} » levée avec la déclaration (était {MeasureStatus.Label(m.Status)} ; par {by}).",
                $"measure:{after.Id}", Extra(after));
        }
        if (lifted > 0) notifier.Notify(scope, CrisisNotifier.Measure);
        return lifted;
    }

    /// <summary>Overdue measures are claimed once (whichever silo gets there first), logged and pushed to the boards.</summary>
    public async Task<int> RaiseOverdueAsync(CancellationToken ct)
    {
        var overdue = await store.ClaimOverdueAsync(clock.GetUtcNow(), ct);
        foreach (var m in overdue)
        {
            var scope = new ScopeRef(m.Scope, m.ScopeId);
            var text = $"Mesure en retard sur {journal.NameOf(scope)} : « {m.Title} » (échéance {French.Moment(m.DueAt!.Value)}, {MeasureStatus.Label(m.Status)}).";
            await journal.SystemAsync(scope, text, $"measure:{m.Id}", Extra(m));
            notifier.Notify(scope, CrisisNotifier.Overdue, m.Id, text);
        }
        return overdue.Count;
    }

    private static JsonObject Extra(Measure m) => new() { ["measure"] = JsonSerializer.SerializeToNode(m, Web) };
}
