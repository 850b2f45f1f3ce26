using System.Globalization;
using System.Xml.Linq;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using static BedCoord.Exchange.Have.HaveCodes;

namespace BedCoord.Exchange.Have;

/// <summary>One HospitalStatus document, one Hospital per establishment of a scope (exchange.md §3).</summary>
public static class HaveExport
{
    public static XDocument Build(IEnumerable<(EstablishmentInfo Establishment, Summary State)> hospitals) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(HaveNs + "HospitalStatus",
                new XAttribute(XNamespace.Xmlns + "have", HaveNs.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "xnl", Xnl.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "gml", Gml.NamespaceName),
                hospitals.Select(h => Hospital(h.Establishment, h.State))));

    public static XElement Hospital(EstablishmentInfo establishment, Summary state)
    {
        var organization = new XElement(HaveNs + "Organization",
            new XElement(HaveNs + "OrganizationInformation",
                new XElement(Xnl + "OrganisationName", new XAttribute(Xnl + "ID", establishment.Id),
                    new XElement(Xnl + "NameElement", establishment.Name))));
        if (establishment is { Latitude: { } lat, Longitude: { } lon })
            organization.Add(new XElement(HaveNs + "OrganizationGeoLocation",
                new XElement(Gml + "Point", new XAttribute(Gml + "id", $"finess-{establishment.Id}"),
                    new XElement(Gml + "coordinates", $"{lat.ToString(CultureInfo.InvariantCulture)}, {lon.ToString(CultureInfo.InvariantCulture)}"))));

        var byType = state.Categories
            .Where(c => BedTypeByCategory.ContainsKey(c.Key))
            .GroupBy(c => BedTypeByCategory[c.Key])
            .ToDictionary(g => g.Key, g => g.Aggregate(BedFigures.Zero, (acc, kv) => acc + kv.Value));
        var capacity = new XElement(HaveNs + "HospitalBedCapacityStatus",
            BedTypes.Where(byType.ContainsKey).Select(type => BedCapacity(type, byType[type])));

        var hospital = new XElement(HaveNs + "Hospital", organization);
        if (capacity.HasElements) hospital.Add(capacity);
        hospital.Add(Facility(state, byType.Values.Aggregate(BedFigures.Zero, (a, b) => a + b)));
        hospital.Add(new XElement(HaveNs + "LastUpdateTime", state.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        return hospital;
    }

    private static XElement BedCapacity(string type, BedFigures beds) =>
        new(HaveNs + "BedCapacity",
            new XElement(HaveNs + "BedType", type),
            new XElement(HaveNs + "Capacity",
                new XElement(HaveNs + "CapacityStatus", beds.Available > 0 ? VacantAvailable : NotAvailable),
                new XElement(HaveNs + "AvailableCount", Math.Max(0, beds.Available)),
                new XElement(HaveNs + "BaselineCount", beds.Installed)));

    /// <summary>Effective level → ClinicalStatus (Full only when no bed is available); declarations → EOC status and plan.</summary>
    private static XElement Facility(Summary state, BedFigures beds)
    {
        var clinical = beds.Available <= 0 && beds.Installed > 0 ? "Full" : state.Level switch
        {
            TensionLevel.Normal => "Normal",
            TensionLevel.Tension => "Level1",
            _ => "Level2",
        };
        var declared = state.DeclaredLevel ?? TensionLevel.Normal;
        return new XElement(HaveNs + "HospitalFacilityStatus",
            new XElement(HaveNs + "ClinicalStatus", clinical),
            new XElement(HaveNs + "HospitalEOCStatus", declared >= TensionLevel.TensionForte ? Active : Inactive),
            new XElement(HaveNs + "HospitalEOCPlan", declared >= TensionLevel.Crise ? Active : Inactive));
    }
}
