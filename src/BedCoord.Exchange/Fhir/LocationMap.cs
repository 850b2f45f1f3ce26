using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Exchange.Codes;
using Hl7.Fhir.Model;

namespace BedCoord.Exchange.Fhir;

/// <summary>
/// A unit as a FHIR Location carrying one ROR <c>ror-location-supported-capacity</c> record per bed status we hold
/// (exchange.md §1). No ROR meta.profile is claimed: BedCoord lacks ror-commune-cog and ror-meta-creation-date (1..1).
/// </summary>
public static class LocationMap
{
    public static Location ToFhir(EstablishmentInfo establishment, UnitInfo unit, Summary state, BedCoordCodes codes)
    {
        var id = LocationIds.Of(establishment.Id, unit.Id);
        var location = new Location
        {
            Id = id,
            Meta = new Meta { LastUpdated = FhirTime.Instant(state.UpdatedAt), VersionId = (state.Version ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            Identifier =
            [
                new Identifier { Type = Concepts.Of(RorCodes.LocationIdentifierTypeSystem, RorCodes.IdLocation), Value = id },
            ],
            Status = Location.LocationStatus.Active,
            Name = unit.Name,
            Mode = Location.LocationMode.Instance,
            Type =
            [
                Concepts.Of(RorCodes.FonctionLieuSystem, RorCodes.Accommodation),
                new CodeableConcept { Text = unit.Category },
            ],
            Address = new Address { District = establishment.DepartmentCode, Country = "FR" },
            ManagingOrganization = new ResourceReference($"Organization/{establishment.Id}"),
            PartOf = new ResourceReference($"Location/{MeasureReportMap.SubjectId(ScopeKind.Establishment, establishment.Id)}"),
        };
        if (establishment is { Latitude: { } lat, Longitude: { } lon })
            location.Position = new Location.PositionComponent { Latitude = (decimal)lat, Longitude = (decimal)lon };
        if (state.Stale == true) location.Meta.Tag.Add(new Coding(codes.TagSystem, BedCoordCodes.StaleTag, "Chiffres anciens"));

        var nature = BedCategory.TryGet(unit.Category, out var category) && category.Group is BedGroups.Had or BedGroups.Ehpad
            ? RorCodes.Place : RorCodes.Lit;
        foreach (var (status, count) in Figures(state.Beds))
            location.Extension.Add(Capacity(nature, status, count, state.UpdatedAt));
        return location;
    }

    /// <summary>The statuses sent, in TRE_R330 order; 02 Disponible is derived (open − occupied − reserved).</summary>
    public static IEnumerable<(CodeEntry Status, int Count)> Figures(BedFigures beds) =>
    [
        (RorCodes.Installed, beds.Installed), (RorCodes.Available, beds.Available), (RorCodes.Occupied, beds.Occupied),
        (RorCodes.Reserved, beds.Reserved), (RorCodes.Closed, beds.Closed), (RorCodes.Surge, beds.Surge),
    ];

    private static Extension Capacity(CodeEntry nature, CodeEntry status, int count, DateTimeOffset updatedAt)
    {
        var record = new Extension { Url = RorCodes.SupportedCapacityExtension };
        record.Extension.Add(new Extension(RorCodes.CapacityType, Concepts.Of(RorCodes.NatureCapaciteSystem, nature)));
        record.Extension.Add(new Extension(RorCodes.CapacityStatus, Concepts.Of(RorCodes.StatutCapaciteSystem, status)));
        record.Extension.Add(new Extension(RorCodes.TemporalityCapacity, Concepts.Of(RorCodes.TemporaliteCapaciteSystem, RorCodes.Current)));
        record.Extension.Add(new Extension(RorCodes.NbCapacity, new Integer(count)));
        record.Extension.Add(new Extension(RorCodes.CapacitySourceType, Concepts.Of(RorCodes.SourceTypeSystem, RorCodes.ManualEntry)));
        record.Extension.Add(new Extension(RorCodes.GenderCapacityAvailable, Concepts.Of(RorCodes.GenreCapaciteSystem, RorCodes.Undifferentiated)));
        record.Extension.Add(new Extension(RorCodes.CapacityUpdateDate, FhirTime.DateTime(updatedAt)));
        record.Extension.Add(new Extension(RorCodes.TemporaryAssignement, Concepts.Of(RorCodes.TemporaryAssignementSystem, RorCodes.NoAssignement)));
        return record;
    }
}
