using System.Xml.Linq;

namespace BedCoord.Exchange.Have;

/// <summary>
/// OASIS EDXL-HAVE 1.0 namespaces, bed types and enumerations, as exchange.md §3 gives them (sources: the Sahana Eden
/// HAVE export stylesheet, MIT; XMLBeans classes generated from the HAVE 1.0 XSD in huangdy/xCore-1.3.3). The OASIS XSD
/// itself was not found in the corpora.
/// </summary>
public static class HaveCodes
{
    public static readonly XNamespace HaveNs = "urn:oasis:names:tc:emergency:EDXL:HAVE:1.0";
    public static readonly XNamespace Xnl = "urn:oasis:names:tc:ciq:xnl:3";
    public static readonly XNamespace Gml = "http://www.opengis.net/gml";

    /// <summary>BedCoord category → HAVE bed type (Sahana Eden names); HAD and EHPAD are places, not exported.</summary>
    public static readonly IReadOnlyDictionary<string, string> BedTypeByCategory = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["MED"] = "MedicalSurgical", ["CHIR"] = "MedicalSurgical", ["OBST"] = "MedicalSurgical",
        ["PED"] = "Pediatrics", ["UHCD"] = "EmergencyDepartment",
        ["REA"] = "AdultICU", ["USI"] = "AdultICU", ["USC"] = "AdultICU",
        ["SMR"] = "RehabLongTermCare", ["USLD"] = "RehabLongTermCare",
        ["PSY"] = "AdultPsychiatric",
    };

    /// <summary>Bed types in the order they are written.</summary>
    public static readonly IReadOnlyList<string> BedTypes = ["MedicalSurgical", "Pediatrics", "EmergencyDepartment", "AdultICU", "RehabLongTermCare", "AdultPsychiatric"];

    public const string VacantAvailable = "VacantAvailable";
    public const string NotAvailable = "NotAvailable";
    public const string Active = "Active";
    public const string Inactive = "Inactive";
}
