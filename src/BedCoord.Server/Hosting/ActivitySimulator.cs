using BedCoord.Domain.Beds;
using BedCoord.Domain.Demo;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Server.Audit;

using BedCoord.Server.Settings;

namespace BedCoord.Server.Hosting;

/// <summary>
/// Demo only (Demo:Simulate, off by default and in tests): moves the grid like a day in the region so a
/// demo board is alive: admissions in the morning and evening push occupancy up, discharges in the
/// afternoon bring it down, emergency departments fill overnight and empty after the morning discharges. Writes go through the same grains as a
/// bed manager's, signed "simulateur", and are audited like theirs so a demo trail shows who moved what.
/// </summary>
public sealed class ActivitySimulator(IGrainFactory grains, TerritoryCatalogHolder territory, StartupGate gate, TimeProvider clock,
    AuditLog audit, DemoSettings settings, ILogger<ActivitySimulator> log) : BackgroundService
{
    private const string Actor = "simulateur";
    private const string Role = "system";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var perSecond = settings.SimulatedUpdatesPerSecond;
        var random = new Random(20261123);
        while (!gate.IsOpen && !stoppingToken.IsCancellationRequested) await Task.Delay(500, stoppingToken);
        log.LogInformation("Activity simulator on: {Rate} updates/s", perSecond);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / perSecond));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await StepAsync(random); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogDebug(e, "Simulator step failed"); }
        }
    }

    private async Task StepAsync(Random random)
    {
        var establishments = territory.Current.Establishments().ToList();
        if (establishments.Count == 0) return;
        var est = establishments[random.Next(establishments.Count)];
        if (random.NextDouble() < 0.1 && est.EmergencyDepartment)
        {
            // The ED queue follows a winter day (longest at the morning census), a few patients at a time.
            var establishment = grains.GetGrain<IEstablishmentGrain>(est.Id);
            var summary = await establishment.GetSummary(false);
            var current = new EmergencyFigures(summary.EdWaitingForBed, summary.BedBlockers);
            var target = WinterEmergency.At(EdProfile.From(summary.Categories), clock.GetUtcNow(), random);
            var figures = WinterEmergency.Toward(current, target);
            if (figures == current) return;
            var result = await establishment.SetEmergency(figures, Actor);
            await RecordAsync("establishment.emergency", new ScopeRef(ScopeKind.Establishment, est.Id), result.Before, figures);
            return;
        }
        if (est.Units.Count == 0) return;
        var unit = est.Units[random.Next(est.Units.Count)];
        var grain = grains.Unit(est.Id, unit.Id);
        var beds = (await grain.GetSummary(false)).Beds;
        if (beds.Installed == 0) return;
        // Above 0.5 pressure admissions outnumber discharges.
        var step = (int)Math.Round((Pressure() - 0.5) * 4 + (random.NextDouble() - 0.5) * 3);
        var occupied = Math.Clamp(beds.Occupied + step, 0, beds.Open);
        var reserved = Math.Clamp(beds.Reserved + random.Next(-1, 2), 0, beds.Open - occupied);
        var next = beds with { Occupied = occupied, Reserved = reserved, ExpectedDischarges = Math.Min(BedLimits.MaxCount, occupied / 8) };
        var written = await grain.UpdateBeds(next, null, Actor);
        if (written.Outcome == BedWriteOutcome.Updated)
            await RecordAsync("unit.beds", new ScopeRef(ScopeKind.Unit, Identifiers.UnitKey(est.Id, unit.Id)), written.Before, next);
    }

    private Task RecordAsync(string action, ScopeRef scope, object? before, object after) =>
        audit.RecordAsync(new AuditEntry(clock.GetUtcNow(), Actor, Role, action, scope.Kind.Name(), scope.Id, before, after, "simulator"));

    // 0..1 over the day: peaks at 11 h and 19 h, lowest at night.
    private double Pressure()
    {
        var hour = clock.GetLocalNow().TimeOfDay.TotalHours;
        return 0.5 + 0.3 * Math.Sin((hour - 5) / 24 * 4 * Math.PI) * (hour is > 7 and < 23 ? 1 : 0.4);
    }
}
