namespace BedCoord.Exchange.Codes;

/// <summary>
/// HL7 FHIR SANER IG (hl7.fhir.uv.saner 1.0.1, CC0-1.0). Source: HL7/fhir-saner input/fsh/ProfileMeasureReport.fsh,
/// NHSNReporting.fsh (Measure CDCPatientImpactAndHospitalCapacity), aliases.fsh, ReportingExamplesNHSN.fsh.
/// Codes are case-sensitive (numbeds is lower case).
/// </summary>
public static class SanerCodes
{
    public const string Canonical = "http://hl7.org/fhir/uv/saner";
    public const string MeasureReportProfile = Canonical + "/StructureDefinition/PublicHealthMeasureReport";
    public const string CdcMeasure = Canonical + "/Measure/CDCPatientImpactAndHospitalCapacity";
    public const string MeasureGroupSystem = Canonical + "/CodeSystem/MeasureGroupSystem";
    public const string MeasuredValuesSystem = Canonical + "/CodeSystem/MeasuredValues";
    public const string MeasurePopulationSystem = "http://terminology.hl7.org/CodeSystem/measure-population";
    public const string DataAbsentReasonExtension = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    public const string BedsGroup = "Beds";
    public const string VentilatorsGroup = "Ventilators";
    public const string NumTotBeds = "numTotBeds";
    public const string NumBeds = "numbeds";
    public const string NumBedsOcc = "numBedsOcc";
    public const string NumIcuBeds = "numICUBeds";
    public const string NumIcuBedsOcc = "numICUBedsOcc";
    public const string NumVent = "numVent";
    public const string NumVentUse = "numVentUse";
    public const string InitialPopulation = "initial-population";
    public const string MeasurePopulation = "measure-population";
}
