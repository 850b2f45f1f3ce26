using BedCoord.Domain.BedBlockers;
using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using BedCoord.Domain.Bjml;
using BedCoord.Domain.Contacts;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Grains.Units;
using BedCoord.Persistence.UnitState;
using Microsoft.Extensions.Logging;

namespace BedCoord.Grains.Scopes;

public sealed class EstablishmentGrain(
    [PersistentState("scope", GridOptions.StorageName)] IPersistentState<AggregateState> state, ScopeServices services,
    UnitStateStore units, ImportHandOff handOff, ILogger<EstablishmentGrain> log)
    : AggregateGrain(state, services, log), IEstablishmentGrain
{
    private const string NoData = "Aucune donnée de passages aux urgences importée";

    protected override ScopeKind Kind => ScopeKind.Establishment;

    public async Task<EmergencyWriteResult> SetEmergency(EmergencyFigures figures, string by)
    {
        var before = State.State.Emergency ?? EmergencyFigures.Zero;
        var summary = await ChangeOwnInputAsync(s => s.Emergency = figures);
        return new EmergencyWriteResult(before, summary);
    }

    public async Task<ContactWriteResult> SetContact(Contact contact, string by)
    {
        var before = State.State.Contact;
        var summary = await ChangeOwnInputAsync(s => { s.Contact = contact; s.Contacts = null; });
        return new ContactWriteResult(before, summary);
    }

    public async Task<ContactsWriteResult> SetContacts(IReadOnlyList<Contact> contacts, string by)
    {
        var before = AllContacts();
        var summary = await ChangeOwnInputAsync(s => { s.Contacts = [.. contacts]; s.Contact = null; });
        return new ContactsWriteResult(before, summary);
    }

    private IReadOnlyList<Contact> AllContacts() =>
        State.State.Contacts ?? (State.State.Contact is { } single ? [single] : []);

    public async Task<Summary> SetRegister(IReadOnlyList<BedBlockerLine> lines, long revision)
    {
        if (revision <= State.State.RegisterRevision) return await GetSummary(false);
        return await ChangeOwnInputAsync(s => { s.Register = [.. lines]; s.RegisterRevision = revision; });
    }

    public Task BjmlChanged(BjmlResult bjml) => ChangeOwnInputAsync(s => s.Bjml = bjml);

    public async Task UnitsStored(long territoryVersion)
    {
        // The import may have added this establishment or its units through another silo: know them before re-reading.
        await Services.Territory.EnsureVersionAsync(GrainFactory, territoryVersion);
        await Reconcile();
    }

    /// <summary>
    /// Units' committed states straight from storage, in one query, rather than activating every unit: at start
    /// or after an import, 60,000 activations each reading its own row was most of the time. A unit's in-memory
    /// state is its committed row (it changes only once its write commits), and an older row than a report
    /// already received is ignored by revision, so this reads the same as asking each unit. While an import on
    /// this silo hands its units' states out (<see cref="ImportHandOff"/>), those are taken and only the others read.
    /// </summary>
    protected override async Task<IReadOnlyList<Summary>> ReadChildrenAsync(IReadOnlyList<ScopeRef> children)
    {
        var known = new Dictionary<string, UnitState>(children.Count, StringComparer.Ordinal);
        foreach (var child in children)
            if (handOff.TryGet(child.Id, out var handed)) known[child.Id] = handed;
        if (known.Count < children.Count)
            foreach (var row in await units.ReadManyAsync(children.Where(c => !known.ContainsKey(c.Id)).Select(c => c.Id).ToList()))
                known[row.UnitKey] = UnitStates.Parse(row.Json);
        var catalog = Services.Territory.Current;
        return children.Select(c => UnitStates.Summary(c.Id, known.GetValueOrDefault(c.Id) ?? new UnitState(), catalog, Services.Rules.Current, Now)).ToList();
    }

    // The BJML holds for an ISO week: when the week turns, ask for the new one.
    protected override async Task OnClockAsync()
    {
        if (State.State.Bjml is not { } current) return;
        var week = IsoWeek.Of(DateOnly.FromDateTime(Now.UtcDateTime));
        if (week.Year == current.IsoYear && week.Week == current.IsoWeek) return;
        var next = await GrainFactory.GetGrain<IEdAdmissionsGrain>(Self.Id).Compute(DateOnly.FromDateTime(Now.UtcDateTime));
        await ChangeOwnInputAsync(s => s.Bjml = next);
    }

    protected override Summary Complete(Summary summed)
    {
        var availablePostEd = SummaryMath.AvailablePostEd(summed);
        // Without an ED and without imported admissions the BJML does not apply (null, api-v1), rather than
        // "not computable": aggregates then count only the establishments it concerns.
        var applies = State.State.Bjml is not null || Services.Territory.Current.Establishment(Self.Id)?.EmergencyDepartment != false;
        // Days waiting count in Paris days; the minute clock recomputes, so the buckets move at midnight.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, Steps.Paris).DateTime);
        return SummaryMath.WithRegister(summed, State.State.Register, today) with
        {
            // "contact" stays the one to call now (existing readers); "contacts" lists everyone, on duty first.
            Contact = ContactRoster.OnDuty(AllContacts(), Now),
            Contacts = AllContacts() is { Count: > 0 } all ? ContactRoster.InCallOrder(all, Now) : null,
            Bjml = State.State.Bjml?.ToFigures(availablePostEd) ?? (applies ? BjmlFigures.NotComputable(NoData, availablePostEd) : null),
        };
    }
}
