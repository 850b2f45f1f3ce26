using System.Collections.Concurrent;
using System.Diagnostics;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Import;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Units;
using BedCoord.Persistence.UnitState;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BedCoord.Grains.Territory;

/// <summary>
/// Records starting states as the units' first input (history and replay read the grid back from that record, so a
/// unit never written since still counts in its sums), on the connection and inside the transaction that stores them.
/// </summary>
public delegate Task StartingStateRecorder(NpgsqlConnection connection, IReadOnlyList<(string UnitKey, BedFigures Beds)> states, DateTimeOffset at);

/// <summary>
/// Applies a validated import: merges the tree in the territory grain, gives every unit that has no state yet its
/// starting figures, then brings every establishment of the file up to date with its units' stored states. Units that
/// already hold live state keep it, so re-importing is idempotent; and since every establishment of the file is brought
/// up to date, not only those that gained a unit, an import interrupted after storing is completed by the next one
/// (re-reading what an establishment already holds writes nothing).
/// The importer reads what the file's units hold in bulk, stores the missing starting states with their records (one
/// transaction per few thousand units, no unit activated), and hands the states to the establishments
/// (<see cref="ImportHandOff"/>) rather than each establishment querying its own rows.
/// </summary>
public sealed class TerritoryImporter(IGrainFactory grains, TerritoryCatalogHolder catalog, UnitStateStore units, ImportHandOff handOff,
    TimeProvider clock, ILogger<TerritoryImporter> log)
{
    // Establishments brought up to date at once; each call waits for its report to reach the region.
    private const int Parallelism = 16;

    /// <summary>
    /// Runs to its end once started, whoever asked: it takes no cancellation, so a caller that goes away (an HTTP
    /// client timing out) does not leave half an import behind.
    /// </summary>
    public async Task<ImportOutcome> ApplyAsync(ImportPlan plan, string by, StartingStateRecorder? recordStarting = null)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await grains.Territory().Import(plan.Incoming);
        catalog.Offer(result.Document);
        var merged = Stopwatch.GetElapsedTime(started);

        // What the file's units hold already (all of them when the same file comes again): nothing to store for those.
        var fileUnits = plan.Incoming.Regions.SelectMany(r => r.Sectors).SelectMany(s => s.Departments).SelectMany(d => d.Establishments)
            .SelectMany(e => e.Units.Select(u => Identifiers.UnitKey(e.Id, u.Id))).ToList();
        var states = await ReadStatesAsync(fileUnits);
        var read = Stopwatch.GetElapsedTime(started);

        var at = clock.GetUtcNow();
        var starting = plan.InitialStates.Where(e => !states.ContainsKey(e.Key))
            .ToDictionary(e => e.Key, e => new UnitState { Beds = new UnitBedState(e.Value, 1, at, by) }, StringComparer.Ordinal);
        var initialized = await units.InitializeManyAsync(starting.Select(e => (e.Key, UnitStates.Json(e.Value))).ToList(),
            recordStarting is null ? null : (connection, keys) => recordStarting(connection, keys.Select(k => (k, plan.InitialStates[k])).ToList(), at));
        foreach (var key in initialized) states[key] = starting[key];
        // A unit written since it was read (a bed manager faster than the import) kept its row: read what it holds.
        if (initialized.Count < starting.Count)
            foreach (var (key, state) in await ReadStatesAsync(starting.Keys.Except(initialized).ToList())) states[key] = state;
        // A unit of the file without a row (no starting figures, never written) is known too: it counts as empty.
        foreach (var key in fileUnits) states.TryAdd(key, new UnitState());
        var stored = Stopwatch.GetElapsedTime(started);

        var establishments = Interleaved(plan.Incoming);
        using (handOff.Offer(states))
            await BringUpToDateAsync(establishments, result.Document.Version);
        log.LogInformation("Import: territory merged and stored in {Merged:F2} s, {Units} units' stored states read at {Read:F2} s, " +
                           "{Initialized} starting states stored and recorded at {Stored:F2} s, {Establishments} establishments up to date at {Done:F2} s",
            merged.TotalSeconds, fileUnits.Count, read.TotalSeconds, initialized.Count, stored.TotalSeconds, establishments.Count,
            Stopwatch.GetElapsedTime(started).TotalSeconds);
        return new ImportOutcome(result.Document.Version, result.Added, result.Updated, result.Unchanged, result.KeptNotInFile,
            result.AddedUnits.Count, initialized.Count);
    }

    private async Task<Dictionary<string, UnitState>> ReadStatesAsync(IReadOnlyList<string> unitKeys) =>
        (await units.ReadAllAsync(unitKeys)).ToDictionary(row => row.UnitKey, row => UnitStates.Parse(row.Json), StringComparer.Ordinal);

    private async Task BringUpToDateAsync(IReadOnlyList<string> establishments, long version)
    {
        var failed = new ConcurrentQueue<string>();
        await Parallel.ForEachAsync(establishments, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (finess, _) =>
        {
            try { await grains.GetGrain<IEstablishmentGrain>(finess).UnitsStored(version); }
            catch (Exception e)
            {
                log.LogWarning(e, "Import: establishment {Finess} could not be brought up to date; asking again once the others are done", finess);
                failed.Enqueue(finess);
            }
        });
        // One more try each, one at a time (a timeout under load, a silo going); a second failure fails the import,
        // whose retry brings every establishment of the file up to date again.
        foreach (var finess in failed) await grains.GetGrain<IEstablishmentGrain>(finess).UnitsStored(version);
    }

    // Region after region in file order, 16 establishments of one region at a time would all wait on that region:
    // taking them in turn from each region spreads the reports over the 18 regions.
    private static List<string> Interleaved(TerritoryDocument file)
    {
        var perRegion = file.Regions
            .Select(r => r.Sectors.SelectMany(s => s.Departments).SelectMany(d => d.Establishments).Select(e => e.Id).ToList())
            .ToList();
        var total = perRegion.Sum(l => l.Count);
        var all = new List<string>(total);
        for (var i = 0; all.Count < total; i++)
            foreach (var region in perRegion)
                if (i < region.Count) all.Add(region[i]);
        return all;
    }
}

/// <summary>What an import changed, as answered to the caller.</summary>
public sealed record ImportOutcome(long TerritoryVersion, int Added, int Updated, int Unchanged, int KeptNotInFile,
    int UnitsAdded, int UnitsInitialized);
