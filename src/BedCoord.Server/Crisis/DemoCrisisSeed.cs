using BedCoord.Domain.Beds;
using BedCoord.Domain.Crisis;
using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.Crisis;
using BedCoord.Server.Hosting;

namespace BedCoord.Server.Crisis;

/// <summary>
/// Demo (Demo:Crisis, on by default with Demo:Seed): a cell at work in Haute-Garonne and Hérault — three plans blancs
/// and three PMI with measures in progress, a day of main courante entries for the départemental cell, open requests.
/// Runs once: the départemental main courante holding the demo's first entry means it was done.
/// </summary>
public sealed class DemoCrisisSeed(StartupGate gate, TerritoryCatalogHolder territory, IGrainFactory grains, CrisisJournal journal,
    CrisisEvents events, MeasureService measures, MeasureStore measureStore, RequestStore requests, LogbookStore logbook,
    TimeProvider clock, ILogger<DemoCrisisSeed> log) : BackgroundService
{
    private const string Cell = "cellule-31 (démo)";

    private static readonly (int HoursAgo, string Kind, string? Check, string? Source, string Text)[] Day =
    [
        (23, LogbookKinds.InfoIn, "verified", "SAMU 31", "Hausse des appels pour détresse respiratoire depuis 18 h ; 14 passages aux urgences du CHU en attente de lit."),
        (22, LogbookKinds.Decision, null, null, "Activation de la cellule de veille départementale ; point toutes les 4 heures."),
        (20, LogbookKinds.InfoOut, null, "ARS Occitanie", "Message aux établissements : recenser les lits disponibles et les sorties anticipées avant 8 h."),
        (18, LogbookKinds.InfoIn, "to-verify", "Clinique Pasteur", "Signalement : 6 lits de médecine réouvrables sous 24 h si renfort infirmier."),
        (16, LogbookKinds.Action, null, null, "Appel des cadres de garde des 5 établissements MCO ; tableau capacitaire mis à jour."),
        (14, LogbookKinds.InfoIn, "verifying", "CHU de Toulouse", "Le CHU envisage le déclenchement de son plan blanc si l'afflux continue."),
        (12, LogbookKinds.Decision, null, null, "Demande aux établissements de déprogrammer la chirurgie non urgente de demain."),
        (10, LogbookKinds.InfoOut, null, "Préfecture", "Préfet informé de la situation hospitalière (point écrit)."),
        (8, LogbookKinds.InfoIn, "verified", "SAMU 31", "Accident collectif sur l'A61 : 9 victimes régulées vers Purpan et Rangueil."),
        (6, LogbookKinds.Action, null, null, "Transferts inter-établissements organisés : 3 patients de réanimation vers Montpellier."),
        (4, LogbookKinds.InfoIn, "to-verify", "EHPAD du Lauragais", "Trois résidents sortants d'hospitalisation sans place de retour."),
        (2, LogbookKinds.Decision, null, null, "Point de situation avec l'ARS à 18 h ; maintien de la cellule en configuration renforcée."),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!gate.IsOpen) await Task.Delay(500, stoppingToken);
        try { await SeedAsync(); }
        catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "Demo crisis cell not seeded"); }
    }

    private async Task SeedAsync()
    {
        var department = new ScopeRef(ScopeKind.Department, "31");
        if (!territory.Current.Contains(department)) return;
        if ((await logbook.ListAsync(department, null, null, 5000)).Any(e => e.Author == Cell)) return;
        var now = clock.GetUtcNow();

        foreach (var (hoursAgo, kind, check, source, text) in Day)
            await journal.AppendAsync(new LogbookDraft(department, kind, text, source, now.AddHours(-hoursAgo).AddMinutes(-7), check, null, Cell, "coordinator"),
                now.AddHours(-hoursAgo));

        var in31 = territory.Current.ChildrenOf(department).Take(3).ToList();
        var in34 = territory.Current.ChildrenOf(new ScopeRef(ScopeKind.Department, "34")).Take(3).ToList();
        var plans = in31.Select((e, i) => (e, TensionLevel.Crise, "Plan blanc déclenché : afflux de patients", 9 - 3 * i))
            .Concat(in34.Select((e, i) => (e, TensionLevel.TensionForte, "PMI activé : tension sur les lits de médecine", 30 - 8 * i)));
        foreach (var (establishment, level, reason, hoursAgo) in plans)
        {
            var declaration = new Declaration(level, reason, "direction-de-garde (démo)", now.AddHours(-hoursAgo), null);
            await grains.Aggregate(establishment).Declare(declaration);
            await events.DeclaredAsync(establishment, declaration);
            var open = await measureStore.OpenOnScopeAsync(establishment);
            foreach (var (m, i) in open.Take(3).Select((m, i) => (m, i)))
                await measures.PatchAsync(establishment, m.Id, new MeasurePatch(i == 2 ? MeasureStatus.Done : MeasureStatus.Engaged,
                    i == 0 ? "Directeur de garde" : "Cadre supérieur de santé", null, true, false), "direction-de-garde (démo)", new FieldErrors());
        }

        var r1 = Request(in31[0], "transfer", "urgent", "Transférer 3 patients de réanimation faute de lit", 3, "REA", now.AddHours(-5));
        var r2 = Request(in31[1], "staff", "immediate", "Renfort de 4 infirmiers pour rouvrir 8 lits de médecine", 4, null, now.AddHours(-2));
        foreach (var r in new[] { r1, r2 })
        {
            var establishment = new ScopeRef(ScopeKind.Establishment, r.EstablishmentId);
            await requests.InsertAsync(r, CellAccess.PathOf(territory, establishment));
            var text = $"Demande ({RequestRules.KindLabel(r.Kind)}, {r.Count}, urgence {r.Urgency}) de {journal.NameOf(establishment)} à la cellule de Haute-Garonne : {r.Text}.";
            await journal.SystemAsync(establishment, text, $"request:{r.Id}");
            await journal.SystemAsync(department, text, $"request:{r.Id}");
        }
        log.LogInformation("Demo crisis cell seeded: {Plans} declarations with measures in progress, {Entries} main courante entries, 2 open requests",
            in31.Count + in34.Count, Day.Length);
    }

    private static ReinforcementRequest Request(ScopeRef establishment, string kind, string urgency, string text, int count, string? category, DateTimeOffset at) =>
        new(Guid.CreateVersion7(at).ToString(), establishment.Id, "31", kind, urgency, text, count, category, RequestRules.Open, at, "direction-de-garde (démo)",
            null, null, null, null, null);
}
