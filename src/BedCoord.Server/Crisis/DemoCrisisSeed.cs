using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Crisis;
using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.BedBlockers;
using BedCoord.Persistence.Crisis;
using BedCoord.Server.Api;
using BedCoord.Server.Hosting;

namespace BedCoord.Server.Crisis;

/// <summary>
/// Demo (Demo:Crisis, on by default with Demo:Seed): a cell at work in Haute-Garonne and Hérault — three plans blancs
/// and three PMI with measures in progress, a bed-blocker register in each of them, a day of main courante entries of
/// every kind for the départemental cell ending with a point de situation, open requests to both cells.
/// Runs once: the départemental main courante holding the demo's first entry means it was done.
/// </summary>
public sealed class DemoCrisisSeed(StartupGate gate, TerritoryCatalogHolder territory, IGrainFactory grains, CrisisJournal journal,
    CrisisEvents events, MeasureService measures, MeasureStore measureStore, RequestStore requests, LogbookStore logbook,
    BedBlockerStore registers, DemoSeedLog seedLog, CellOverviews overviews, TimeProvider clock, ILogger<DemoCrisisSeed> log) : BackgroundService
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

    // Register lines of a demo establishment: (awaited destination, days waiting, filed in ViaTrajectoire); each
    // establishment keeps the first 3 to 7 of them, so that destinations and every wait bucket show.
    private static readonly (string Destination, int Days, bool ViaTrajectoire)[] Waiting =
    [
        ("SMR", 1, true), ("EHPAD", 12, true), ("SMR", 5, false), ("HOME-SUPPORT", 3, false), ("USLD", 41, true), ("HAD", 0, false), ("PSY", 9, true),
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

        var lines = 0;
        foreach (var (establishment, i) in in31.Concat(in34).Select((e, i) => (e, i)))
            lines += await RegisterAsync(establishment, Waiting.Take(3 + i % 5), now);

        var r1 = Request(in31[0], "transfer", "urgent", "Transférer 3 patients de réanimation faute de lit", 3, "REA", now.AddHours(-5));
        var r2 = Request(in31[1], "staff", "immediate", "Renfort de 4 infirmiers pour rouvrir 8 lits de médecine", 4, null, now.AddHours(-2));
        var r3 = Request(in34[0], "beds", "urgent", "Places d'aval en SMR pour 5 patients sortants", 5, "SMR", now.AddHours(-3)) with { DepartmentCode = "34" };
        foreach (var r in new[] { r1, r2, r3 })
        {
            var establishment = new ScopeRef(ScopeKind.Establishment, r.EstablishmentId);
            var cell = new ScopeRef(ScopeKind.Department, r.DepartmentCode);
            await requests.InsertAsync(r, CellAccess.PathOf(territory, establishment));
            var text = $"Demande ({RequestRules.KindLabel(r.Kind)}, {r.Count}, urgence {r.Urgency}) de {journal.NameOf(establishment)} à la cellule de {journal.NameOf(cell)} : {r.Text}.";
            await journal.SystemAsync(establishment, text, $"request:{r.Id}");
            await journal.SystemAsync(cell, text, $"request:{r.Id}");
        }

        // The day closes with a point de situation: the cell's figures frozen in the main courante, as the button does.
        var overview = await overviews.BuildAsync(department, new Caller(Cell, "coordinator", new HashSet<string>(), new HashSet<string>(), "OCC"), default);
        await journal.AppendAsync(SituationPoint.Draft(department, overview, "Point de situation de fin de journée avant la conférence ARS.", Cell, "coordinator"));
        log.LogInformation("Demo crisis cell seeded: {Plans} declarations with measures in progress, {Entries} main courante entries and a point de situation, " +
                           "{Lines} register lines, 3 open requests", in31.Count + in34.Count, Day.Length, lines);
    }

    /// <summary>Keeps a register as the API would: lines stored (entered on the day the patient became ready), the grain told, each audited.</summary>
    private async Task<int> RegisterAsync(ScopeRef establishment, IEnumerable<(string Destination, int Days, bool ViaTrajectoire)> waiting, DateTimeOffset now)
    {
        var units = territory.Current.Establishment(establishment.Id)?.Units.Select(u => u.Id).ToList() ?? [];
        var today = BedBlockerEndpoints.Today(now);
        BedBlockerRegister? register = null;
        var count = 0;
        foreach (var (destination, days, via) in waiting.OrderByDescending(w => w.Days))
        {
            var since = today.AddDays(-days);
            var enteredAt = Min(now.AddMinutes(-5), new DateTimeOffset(since.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
            var unit = units.Count > 0 ? units[count % units.Count] : null;
            (var line, register) = await registers.AddAsync(establishment.Id, unit, destination, since, via, enteredAt, DemoSeedLog.Actor);
            await seedLog.RecordAsync(BedBlockerEndpoints.AuditAction, "establishment", establishment.Id, null,
                new BedBlockerEndpoints.RegisterChange(line, register.Lines.Count));
            count++;
        }
        if (register is not null) await grains.GetGrain<IEstablishmentGrain>(establishment.Id).SetRegister(register.Lines, register.Revision);
        return count;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static ReinforcementRequest Request(ScopeRef establishment, string kind, string urgency, string text, int count, string? category, DateTimeOffset at) =>
        new(Guid.CreateVersion7(at).ToString(), establishment.Id, "31", kind, urgency, text, count, category, RequestRules.Open, at, "direction-de-garde (démo)",
            null, null, null, null, null);
}
