namespace BedCoord.Exchange.Codes;

/// <summary>
/// Identifier systems of French establishments, per the HL7 France FR Core Organization profile
/// (identifier.system comment): FINESS and the national structure id (idNatStruct = "1" + FINESS).
/// </summary>
public static class IdentifierSystems
{
    public const string Finess = "http://finess.sante.gouv.fr";
    public const string IdNatStruct = "urn:oid:1.2.250.1.71.4.2.2";
    /// <summary>v2 table 0203, type IDNST of FR Core's idNatStruct slice.</summary>
    public const string V2IdentifierType = "http://terminology.hl7.org/CodeSystem/v2-0203";
    public const string IdNatStructType = "IDNST";
    /// <summary>The prefix of a FINESS in idNatStruct (ANS "Identifiant national de structure": 1 = FINESS).</summary>
    public const string IdNatStructFinessPrefix = "1";
}
