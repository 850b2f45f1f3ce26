using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Tension;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.Alerts;
using BedCoord.Persistence.History;
using BedCoord.Server.Audit;
using BedCoord.Server.Settings;
using Npgsql;

namespace BedCoord.Server.Hosting;

/// <summary>
/// Demo mode: gives a fresh demo twelve weeks of past inputs (signed "demo-historique" in the audit trail)
/// and the alerts they would have raised, once, then asks the projector to recompute from their start, so a
/// newcomer sees trends, last week's report and a replay. Runs after the territory is seeded; a real
/// deployment never runs it.
/// </summary>
public sealed class DemoHistoryBackfill(
    StartupGate gate, TerritoryCatalogHolder territory, RuleBookHolder rules, IGrainFactory grains, AuditLog audit,
    AlertStore alerts, HistoryStore history, NpgsqlDataSource db, TimeProvider clock, DemoSettings settings,
    ILogger<DemoHistoryBackfill> log) : BackgroundService
{
    public const string Actor = "demo-historique";
    private const string DoneAction = "demo.history";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!gate.IsOpen || !territory.IsLoaded) await Task.Delay(500, stoppingToken);
        try { await BackfillAsync(stoppingToken); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The demo's past is a nicety: the live grid must keep running without it.
            log.LogError(e, "Demo history could not be written");
        }
    }

    private async Task BackfillAsync(CancellationToken stoppingToken)
    {
        await using (var check = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM bedcoord_audit WHERE actor = $1 AND action = $2)"))
        {
            check.Parameters.AddWithValue(Actor);
            check.Parameters.AddWithValue(DoneAction);
            if ((bool)(await check.ExecuteScalarAsync(stoppingToken))!) return;
        }
        var days = settings.HistoryDays;
        var to = clock.GetUtcNow();
        var from = Step.Day.Floor(to.AddDays(-days));
        var catalog = territory.Current;
        await rules.RefreshAsync(grains);
        var book = rules.Current;

        var units = new Dictionary<string, BedFigures>();
        var emergency = new Dictionary<string, EmergencyFigures>();
        foreach (var est in catalog.Establishments())
        {
            var summary = await grains.Scope(new ScopeRef(ScopeKind.Establishment, est.Id)).GetSummary(true);
            emergency[est.Id] = new EmergencyFigures(summary.EdWaitingForBed, summary.BedBlockers);
            foreach (var u in summary.Children ?? []) units[Identifiers.UnitKey(est.Id, u.Id)] = u.Beds;
        }

        var inputs = DemoHistory.Inputs(catalog, units, emergency, from, to);
        var model = new GridModel(catalog, f => book.Effective(new ScopeRef(ScopeKind.Establishment, f), catalog).Rules.StaleAfter);
        var levels = new DemoLevels(model, s => book.Effective(s, catalog).Rules);
        var previous = new Dictionary<string, object>();
        var pending = new List<Task>(inputs.Count);
        var raised = 0;
        foreach (var input in inputs)
        {
            foreach (var alert in levels.Apply(input))
            {
                pending.Add(alerts.AddAsync(alert, AlertStore.PathOf(new ScopeRef(alert.Scope, alert.ScopeId), catalog)));
                raised++;
            }
            pending.Add(audit.RecordAsync(Entry(input, previous)));
            if (pending.Count >= 20_000) { await Task.WhenAll(pending); pending.Clear(); }
        }
        await Task.WhenAll(pending);
        await audit.RecordAsync(new AuditEntry(clock.GetUtcNow(), Actor, "system", DoneAction, "region", catalog.Document.Regions[0].Id,
            null, new { from, to, inputs = inputs.Count, alerts = raised }, "demo-history"));
        await history.RewindAsync(from, stoppingToken);
        log.LogInformation("Demo history: {Inputs} inputs and {Alerts} alerts from {From:O}; the projector recomputes from there",
            inputs.Count, raised, from);
    }

    private static AuditEntry Entry(HistoryEvent input, Dictionary<string, object> previous)
    {
        var (action, kind, id, after) = input switch
        {
            UnitBedsEvent u => ("unit.beds", "unit", Identifiers.UnitKey(u.Finess, u.UnitId), (object)u.Beds),
            EmergencyEvent e => ("establishment.emergency", "establishment", e.Finess, e.Figures),
            _ => throw new ArgumentOutOfRangeException(nameof(input)),
        };
        previous.TryGetValue(id, out var before);
        previous[id] = after;
        return new AuditEntry(input.At, Actor, "system", action, kind, id, before, after, "demo-history");
    }
}
