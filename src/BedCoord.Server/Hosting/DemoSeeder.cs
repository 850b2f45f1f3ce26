using BedCoord.Domain.Beds;
using BedCoord.Domain.Import;
using BedCoord.Grains.Territory;
using BedCoord.Server.Audit;
using BedCoord.Server.Settings;

namespace BedCoord.Server.Hosting;

/// <summary>
/// Demo mode: loads the bundled Occitanie reference data (326 establishments, derived demo units) through
/// the same idempotent path as an admin import, at every start, so that a run killed half-way through
/// seeding is completed by the next one. Units that already hold live state keep it. Then, once per
/// establishment, the emergency figures, contact lines and (unless Demo:Admissions=false) three years of
/// daily admissions that make the demo look like a winter week rather than an empty grid.
/// </summary>
public sealed class DemoSeeder(TerritoryImporter importer, TerritoryCatalogHolder territory, DemoEstablishmentSeed establishments,
    DemoAdmissionsSeed admissions, StartupGate gate, TimeProvider clock, DemoSettings settings, ILogger<DemoSeeder> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dataDirectory = settings.DataDirectory ?? Path.Combine(AppContext.BaseDirectory, "data");
        var errors = new FieldErrors();
        var plan = ImportValidator.Validate(SaeDataset.Load(dataDirectory), errors)
                   ?? throw new InvalidDataException($"Bundled data in {dataDirectory} is invalid: {errors}");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A unit's starting state is its first input in the audit trail, as after an admin import, recorded
                // with it; one instant for every starting state: history sees the territory appear at once, not unit by unit.
                var outcome = await importer.ApplyAsync(plan, DemoSeedLog.Actor, (connection, states, at) => AuditLog.CopyAsync(connection,
                    states.Select(s => new AuditEntry(at, DemoSeedLog.Actor, "system", "unit.beds", "unit", s.UnitKey, null, s.Beds, DemoSeedLog.Actor))));
                log.LogInformation("Occitanie demo territory loaded from {Directory} (version {Version}, {Units} units given a starting state)",
                    dataDirectory, outcome.TerritoryVersion, outcome.UnitsInitialized);
                var started = clock.GetTimestamp();
                var (emergency, contacts) = await establishments.ApplyAsync(territory.Current, plan.InitialStates, stoppingToken);
                var counts = settings.Admissions
                    ? await admissions.ApplyAsync(territory.Current, dataDirectory, stoppingToken)
                    : 0;
                log.LogInformation("Demo establishments: {Emergency} emergency figures, {Contacts} contact lines, {Counts} daily admissions seeded in {Elapsed:0} ms",
                    emergency, contacts, counts, clock.GetElapsedTime(started).TotalMilliseconds);
                gate.MarkSeeded();
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogDebug(e, "Cluster not ready for seeding yet");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}

/// <summary>Holds readiness back until the demo data, when asked for, is fully loaded.</summary>
public sealed class StartupGate(bool seeding)
{
    private volatile bool _seeded = !seeding;
    public bool IsOpen => _seeded;
    public void MarkSeeded() => _seeded = true;
}
