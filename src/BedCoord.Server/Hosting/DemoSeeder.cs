using BedCoord.Domain.Beds;
using BedCoord.Domain.Import;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;

namespace BedCoord.Server.Hosting;

/// <summary>
/// Demo mode: when the database holds no territory yet, loads the bundled Occitanie reference data
/// (326 establishments, derived demo units) through the same path as an admin import.
/// </summary>
public sealed class DemoSeeder(IGrainFactory grains, TerritoryImporter importer, IConfiguration configuration, ILogger<DemoSeeder> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dataDirectory = configuration["Demo:DataDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "data");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await grains.Territory().GetVersion() > 0) return;
                var errors = new FieldErrors();
                var plan = ImportValidator.Validate(SaeDataset.Load(dataDirectory), errors)
                           ?? throw new InvalidDataException($"Bundled data in {dataDirectory} is invalid: {errors}");
                var outcome = await importer.ApplyAsync(plan, "demo-seed", stoppingToken);
                log.LogInformation("Loaded the Occitanie demo territory from {Directory}: {Units} units initialised", dataDirectory, outcome.UnitsInitialized);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException and not InvalidDataException and not FileNotFoundException)
            {
                log.LogDebug(e, "Cluster not ready for seeding yet");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
