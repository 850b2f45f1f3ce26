using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BedCoord.Grains.Scopes;

public sealed class EstablishmentGrain(
    [PersistentState("scope", GridOptions.StorageName)] IPersistentState<AggregateState> state,
    TerritoryCatalogHolder territory, TimeProvider clock, IOptions<GridOptions> options, ILogger<EstablishmentGrain> log)
    : AggregateGrain(state, territory, clock, options, log), IEstablishmentGrain
{
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
        var summary = await ChangeOwnInputAsync(s => s.Contact = contact);
        return new ContactWriteResult(before, summary);
    }

    protected override Summary Complete(Summary summed) =>
        summed with { Contact = State.State.Contact, Bjml = BjmlFigures.NotComputable("Aucune donnée de passages aux urgences importée", SummaryMath.AvailablePostEd(summed)) };
}
