using BedCoord.Domain.Bjml;
using BedCoord.Domain.Demo;
using BedCoord.Domain.Import;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;

namespace BedCoord.Server.Hosting;

/// <summary>
/// Demo mode (unless Demo:Admissions=false): imports three years of daily post-emergency admissions for every
/// establishment with an ED, so that the BJML is computable, with a few deliberately not (a recent ED, poor
/// RPU quality), each once. It goes through the admissions grain that POST ed-admissions and PUT rpu-quality
/// use, and is audited with their actions. About 70,000 daily counts in 64 grain writes: about a second.
/// </summary>
public sealed class DemoAdmissionsSeed(IGrainFactory grains, DemoSeedLog seedLog, TimeProvider clock)
{
    public const string AdmissionsAction = "bjml.ed-admissions";
    public const string QualityAction = "bjml.rpu-quality";

    public async Task<int> ApplyAsync(TerritoryCatalog catalog, string dataDirectory, CancellationToken ct)
    {
        var done = await seedLog.ScopesDoneAsync(AdmissionsAction, ct);
        var attendances = SaeDataset.EmergencyAttendances(dataDirectory);
        var emergencyDepartments = catalog.Establishments().Where(e => e.EmergencyDepartment)
            .Select(e => (e.Id, (double)attendances.GetValueOrDefault(e.Id)))
            .Select(e => e.Item2 > 0 ? e : (e.Id, 10_000.0));
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var imported = 0;
        await Parallel.ForEachAsync(DemoAdmissions.For(emergencyDepartments, today).Where(s => !done.Contains(s.Finess)),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (set, _) =>
            {
                var grain = grains.GetGrain<IEdAdmissionsGrain>(set.Finess);
                // Quality first: the establishment then never shows a BJML its RPUs cannot support.
                if (set.Quality is { } quality)
                {
                    var before = await grain.GetQuality();
                    await grain.SetQuality(quality);
                    await seedLog.RecordAsync(QualityAction, "establishment", set.Finess, before, quality);
                }
                var count = await grain.Import(set.Counts);
                await seedLog.RecordAsync(AdmissionsAction, "establishment", set.Finess, null,
                    new { imported = count, first = set.Counts[0].Date, last = set.Counts[^1].Date });
                Interlocked.Add(ref imported, count);
            });
        return imported;
    }
}
