using BedCoord.Domain.Beds;
using BedCoord.Domain.Import;
using BedCoord.Grains.Territory;
using BedCoord.Server.Audit;

namespace BedCoord.Server.Hosting;

/// <summary>
/// Demo mode: loads the bundled Occitanie reference data (326 establishments, derived demo units) through
/// the same idempotent path as an admin import, at every start, so that a run killed half-way through
/// seeding is completed by the next one. Units that already hold live state keep it.
/// </summary>
public sealed class DemoSeeder(TerritoryImporter importer, StartupGate gate, AuditLog audit, TimeProvider clock,
    IConfiguration configuration, ILogger<DemoSeeder> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dataDirectory = configuration["Demo:DataDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "data");
        var errors = new FieldErrors();
        var plan = ImportValidator.Validate(SaeDataset.Load(dataDirectory), errors)
                   ?? throw new InvalidDataException($"Bundled data in {dataDirectory} is invalid: {errors}");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A unit's starting state is its first input in the audit trail, as after an admin import.
                var outcome = await importer.ApplyAsync(plan, "demo-seed", stoppingToken, (unitKey, beds) =>
                    audit.RecordAsync(new AuditEntry(clock.GetUtcNow(), "demo-seed", "system", "unit.beds", "unit", unitKey, null, beds, "demo-seed")));
                log.LogInformation("Occitanie demo territory loaded from {Directory} (version {Version}, {Units} units given a starting state)",
                    dataDirectory, outcome.TerritoryVersion, outcome.UnitsInitialized);
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
