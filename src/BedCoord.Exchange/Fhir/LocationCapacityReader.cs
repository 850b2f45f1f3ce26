using BedCoord.Domain.Beds;
using BedCoord.Exchange.Codes;
using Hl7.Fhir.Model;

namespace BedCoord.Exchange.Fhir;

/// <summary>What a ROR-style Location update says about a unit's beds (exchange.md §0b).</summary>
public sealed record LocationCapacity(string LocationId, int? Installed, int? Closed, int? Surge, int? Occupied, int? Reserved, string? VersionId)
{
    /// <summary>
    /// The unit's full input: the ROR carries no expected discharges, so the unit keeps its current figure.
    /// </summary>
    public BedInput ToBedInput(int currentExpectedDischarges) =>
        new(Installed, Closed, Surge, Occupied, Reserved, currentExpectedDischarges);
}

/// <summary>
/// Reads the capacity records of an incoming Location: statuses 01, 05, 06, 03, 04 map to the unit's inputs;
/// 02 and 07 are derived and refused, as <c>available</c> is on the JSON API; anything else names its element.
/// </summary>
public static class LocationCapacityReader
{
    private static readonly Dictionary<string, string> FieldByStatus = new(StringComparer.Ordinal)
    {
        [RorCodes.Installed.Code] = "installed", [RorCodes.Closed.Code] = "closed", [RorCodes.Surge.Code] = "surge",
        [RorCodes.Occupied.Code] = "occupied", [RorCodes.Reserved.Code] = "reserved",
    };

    public static LocationCapacity Read(Location location, string path, List<FhirIssue> issues)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var records = 0;
        for (var i = 0; i < location.Extension.Count; i++)
        {
            var ext = location.Extension[i];
            if (ext.Url != RorCodes.SupportedCapacityExtension) continue;
            records++;
            ReadRecord(ext, $"{path}.extension[{i}]", counts, issues);
        }
        if (records == 0)
            issues.Add(new FhirIssue($"{path}.extension", $"Aucun enregistrement {RorCodes.SupportedCapacityExtension} : la capacité du service est obligatoire.", OperationOutcome.IssueType.Required));
        else
            foreach (var (code, field) in FieldByStatus)
                if (!counts.ContainsKey(code))
                    issues.Add(new FhirIssue($"{path}.extension", $"Il manque l'enregistrement de capacité au statut {code} ({field}) : les statuts 01, 03, 04, 05 et 06 sont tous obligatoires.", OperationOutcome.IssueType.Required));

        int? Get(string code) => counts.TryGetValue(code, out var v) ? v : null;
        return new LocationCapacity(location.Id ?? "", Get(RorCodes.Installed.Code), Get(RorCodes.Closed.Code), Get(RorCodes.Surge.Code),
            Get(RorCodes.Occupied.Code), Get(RorCodes.Reserved.Code), location.Meta?.VersionId);
    }

    /// <summary>The element to name for a domain bound broken by the figure of <paramref name="field"/>.</summary>
    public static string ExpressionOf(string path, Location location, string field)
    {
        var code = FieldByStatus.FirstOrDefault(kv => kv.Value == field).Key;
        for (var i = 0; i < location.Extension.Count; i++)
            if (location.Extension[i].Url == RorCodes.SupportedCapacityExtension && StatusOf(location.Extension[i])?.Code == code)
                return $"{path}.extension[{i}].extension('{RorCodes.NbCapacity}').value";
        return $"{path}.extension";
    }

    private static void ReadRecord(Extension record, string at, Dictionary<string, int> counts, List<FhirIssue> issues)
    {
        var status = StatusOf(record);
        var statusAt = $"{at}.extension('{RorCodes.CapacityStatus}').value";
        if (status is null)
        {
            issues.Add(new FhirIssue(statusAt, "capacityStatus est obligatoire (TRE_R330).", OperationOutcome.IssueType.Required));
            return;
        }
        if (status.System != RorCodes.StatutCapaciteSystem)
        {
            issues.Add(new FhirIssue(statusAt, $"capacityStatus doit être codé dans {RorCodes.StatutCapaciteSystem} (reçu « {status.System} »).", OperationOutcome.IssueType.CodeInvalid));
            return;
        }
        if (status.Code == RorCodes.Available.Code || status.Code == RorCodes.Operational.Code)
        {
            issues.Add(new FhirIssue(statusAt, $"Le statut {status.Code} est calculé par le serveur et ne doit pas être envoyé.", OperationOutcome.IssueType.BusinessRule));
            return;
        }
        if (status.Code is null || !FieldByStatus.ContainsKey(status.Code))
        {
            issues.Add(new FhirIssue(statusAt, $"Statut de capacité « {status.Code} » inconnu ou non pris en charge (01, 03, 04, 05, 06).", OperationOutcome.IssueType.CodeInvalid));
            return;
        }
        CheckCoded(record, RorCodes.CapacityType, RorCodes.NatureCapaciteSystem, [RorCodes.Lit.Code, RorCodes.Place.Code], at, issues);
        CheckCoded(record, RorCodes.TemporalityCapacity, RorCodes.TemporaliteCapaciteSystem, [RorCodes.Current.Code], at, issues);

        var countAt = $"{at}.extension('{RorCodes.NbCapacity}').value";
        if (record.GetExtension(RorCodes.NbCapacity)?.Value is not Integer { Value: { } count })
            issues.Add(new FhirIssue(countAt, "nbCapacity (entier) est obligatoire.", OperationOutcome.IssueType.Required));
        else if (!counts.TryAdd(status.Code, count))
            issues.Add(new FhirIssue(statusAt, $"Le statut {status.Code} figure deux fois : un seul enregistrement « Courant » par statut.", OperationOutcome.IssueType.BusinessRule));
    }

    private static void CheckCoded(Extension record, string url, string system, string[] allowed, string at, List<FhirIssue> issues)
    {
        var coding = (record.GetExtension(url)?.Value as CodeableConcept)?.Coding.FirstOrDefault();
        if (coding is null) return; // 1..1 in the ROR profile, but the meaning is unambiguous without it: accepted.
        if (coding.System != system || !allowed.Contains(coding.Code))
            issues.Add(new FhirIssue($"{at}.extension('{url}').value",
                $"{url} « {coding.System}#{coding.Code} » n'est pas pris en charge (attendu {system} {string.Join(" ou ", allowed)}).", OperationOutcome.IssueType.CodeInvalid));
    }

    private static Coding? StatusOf(Extension record) => (record.GetExtension(RorCodes.CapacityStatus)?.Value as CodeableConcept)?.Coding.FirstOrDefault();
}
