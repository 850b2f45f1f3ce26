using BedCoord.Domain.BedBlockers;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Bjml;
using BedCoord.Domain.Summaries;

namespace BedCoord.Grains.Abstractions;

public interface IEstablishmentGrain : IAggregateGrain
{
    /// <summary>Sets the emergency figures; returns once they are durable.</summary>
    Task<EmergencyWriteResult> SetEmergency(EmergencyFigures figures, string by);

    /// <summary>Sets who to call about beds; returns once durable.</summary>
    Task<ContactWriteResult> SetContact(Contact contact, string by);

    /// <summary>Sets every contact with the hours each covers (replacing the single one); returns once durable.</summary>
    Task<ContactsWriteResult> SetContacts(IReadOnlyList<Contact> contacts, string by);

    /// <summary>
    /// Takes the register's open lines as stored after a change; an older revision than the one held is ignored
    /// (two changes answered out of order). Returns the establishment's summary once durable.
    /// </summary>
    Task<Summary> SetRegister(IReadOnlyList<BedBlockerLine> lines, long revision);

    /// <summary>The BJML of the current week, from the establishment's admissions grain.</summary>
    Task BjmlChanged(BjmlResult bjml);

    /// <summary>
    /// An import (territory version <paramref name="territoryVersion"/> or later) stored this establishment's units'
    /// states: re-read them all and report what changed. Asked of every establishment of every import file, so an
    /// import that was interrupted after storing is completed by the next; re-reading what is already known writes nothing.
    /// </summary>
    Task UnitsStored(long territoryVersion);
}

[GenerateSerializer, Immutable, Alias("bedcoord.contact-write-result")]
public sealed record ContactWriteResult(
    [property: Id(0)] Contact? Before,
    [property: Id(1)] Summary Establishment);

[GenerateSerializer, Immutable, Alias("bedcoord.contacts-write-result")]
public sealed record ContactsWriteResult(
    [property: Id(0)] IReadOnlyList<Contact> Before,
    [property: Id(1)] Summary Establishment);

[GenerateSerializer, Immutable, Alias("bedcoord.emergency-write-result")]
public sealed record EmergencyWriteResult(
    [property: Id(0)] EmergencyFigures Before,
    [property: Id(1)] Summary Establishment);
