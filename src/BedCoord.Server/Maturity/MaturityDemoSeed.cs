using System.Text.Json;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Maturity;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.Maturity;

namespace BedCoord.Server.Maturity;

/// <summary>
/// Demo mode: imports the bundled demonstration grid (data/maturite-grille-demonstration.json) when no grid
/// exists, then two years of answers for most establishments with an ED when no answer exists. It runs beside
/// the main demo seed without holding readiness back: a few hundred rows in one statement.
/// </summary>
public sealed class MaturityDemoSeed(MaturityStore store, AccompanimentStore accompaniments, AccompanimentCatalog catalog, TerritoryCatalogHolder territory, TimeProvider clock, IConfiguration configuration,
    ILogger<MaturityDemoSeed> log) : BackgroundService
{
    public const string GridFile = "maturite-grille-demonstration.json";
    public const string CompleteMessage = "Maturity demo seed complete";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dataDirectory = configuration["Demo:DataDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "data");
        var path = Path.Combine(dataDirectory, GridFile);
        if (!File.Exists(path)) path = Path.Combine(AppContext.BaseDirectory, "data", GridFile);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!territory.IsLoaded) { await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken); continue; }
                var grid = await store.GridAsync(null, stoppingToken);
                if (grid is null)
                {
                    using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path, stoppingToken));
                    var errors = new FieldErrors();
                    grid = MaturityGridReader.FromJson(doc.RootElement, errors) ?? throw new InvalidDataException($"{path} is invalid: {errors}");
                    await store.ImportGridAsync(grid, clock.GetUtcNow(), MaturityDemoAnswers.Actor, stoppingToken);
                    log.LogInformation("Maturity demonstration grid {Version} imported from {Path}", grid.Version, path);
                }
                if (!await store.AnySubmissionAsync(stoppingToken))
                {
                    var withEd = territory.Current.Establishments().Where(e => e.EmergencyDepartment).Select(e => e.Id).Order(StringComparer.Ordinal);
                    var submissions = MaturityDemoAnswers.For(grid, withEd, clock.GetUtcNow());
                    await store.InsertManyAsync(submissions, stoppingToken);
                    log.LogInformation("Maturity demo: {Count} submitted versions seeded", submissions.Count);
                }
                if (!await accompaniments.AnyAsync(stoppingToken))
                {
                    var now = clock.GetUtcNow();
                    var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Domain.History.Steps.Paris).DateTime);
                    var withEd = territory.Current.Establishments().Where(e => e.EmergencyDepartment).Select(e => e.Id).Order(StringComparer.Ordinal);
                    foreach (var a in MaturityDemoAnswers.Accompaniments(catalog.Programme, withEd, today, now))
                        await accompaniments.AddAsync(a, stoppingToken);
                }
                // Said once everything is in: readiness does not wait for this seed, a caller copying the database may.
                log.LogInformation(CompleteMessage);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogDebug(e, "Maturity demo seed not possible yet");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
