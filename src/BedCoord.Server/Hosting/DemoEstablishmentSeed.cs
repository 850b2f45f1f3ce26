using BedCoord.Domain.Beds;
using BedCoord.Domain.Demo;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;

namespace BedCoord.Server.Hosting;

/// <summary>
/// Demo mode: gives establishments what a bed manager keeps up to date besides beds: the emergency figures of
/// a winter day for those with an ED (patients waiting for a bed, bed blockers) and a fictional contact line
/// for most. Written through the same grains as the API and audited with the API's actions, so that history
/// and replay, which are derived from the audit trail, see them.
/// </summary>
public sealed class DemoEstablishmentSeed(IGrainFactory grains, DemoSeedLog seedLog, TimeProvider clock)
{
    public const string EmergencyAction = "establishment.emergency";
    public const string ContactAction = "establishment.contact";
    public const string ContactsAction = "establishment.contacts";

    public async Task<(int Emergency, int Contacts)> ApplyAsync(TerritoryCatalog catalog, IReadOnlyDictionary<string, BedFigures> unitStates,
        CancellationToken ct)
    {
        var emergencyDone = await seedLog.ScopesDoneAsync(EmergencyAction, ct);
        var contactDone = await seedLog.ScopesDoneAsync(ContactsAction, ct);
        int emergency = 0, contacts = 0;
        var now = clock.GetUtcNow();
        await Parallel.ForEachAsync(catalog.Establishments(), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (est, _) =>
        {
            var grain = grains.GetGrain<IEstablishmentGrain>(est.Id);
            if (est.EmergencyDepartment && !emergencyDone.Contains(est.Id))
            {
                var profile = EdProfile.From(est.Units.Select(u =>
                    (u.Category, unitStates.TryGetValue(Identifiers.UnitKey(est.Id, u.Id), out var beds) ? beds.Installed : 0)));
                var figures = WinterEmergency.At(profile, now, DemoRandom.For(est.Id));
                var written = await grain.SetEmergency(figures, DemoSeedLog.Actor);
                await seedLog.RecordAsync(EmergencyAction, "establishment", est.Id, written.Before, figures);
                Interlocked.Increment(ref emergency);
            }
            if (!contactDone.Contains(est.Id))
            {
                // A duty roster per establishment (issue 10 item 6): whom to call depends on the hour.
                var roster = DemoContacts.RosterFor(est.Id, est.DepartmentCode, est.EmergencyDepartment);
                var written = await grain.SetContacts(roster, DemoSeedLog.Actor);
                await seedLog.RecordAsync(ContactsAction, "establishment", est.Id, written.Before, roster);
                Interlocked.Increment(ref contacts);
            }
        });
        return (emergency, contacts);
    }
}
