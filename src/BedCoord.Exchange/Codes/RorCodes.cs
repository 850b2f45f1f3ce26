namespace BedCoord.Exchange.Codes;

/// <summary>
/// Canonical URLs and code lists of the ANS ROR implementation guide (ans.fhir.fr.ror, FHIR 4.0.1).
/// Source: ansforge/IG-fhir-repertoire-offre-ressources-sante (sushi-config.yaml, input/fsh/aliases.fsh,
/// input/fsh/extensions/RORLocationSupportedCapacity.fsh, input/fsh/profiles/RORLocation.fsh) and the ANS
/// "Terminologies de Santé" code system pages (TRE_R329, TRE_R330, TRE_R331), as cited in exchange.md §1.
/// </summary>
public static class RorCodes
{
    public const string Canonical = "https://interop.esante.gouv.fr/ig/fhir/ror";
    public const string StructureDefinitionBase = Canonical + "/StructureDefinition/";
    public const string OrganizationProfile = StructureDefinitionBase + "ror-organization";
    public const string LocationProfile = StructureDefinitionBase + "ror-location";
    public const string SupportedCapacityExtension = StructureDefinitionBase + "ror-location-supported-capacity";
    public const string CapacityStatusSearchParameter = Canonical + "/SearchParameter/ror-sp-capacity-status";

    // Relative urls of the sub-extensions of ror-location-supported-capacity (RORLocationSupportedCapacity.fsh).
    public const string CapacityType = "capacityType";
    public const string CapacityStatus = "capacityStatus";
    public const string TemporalityCapacity = "temporalityCapacity";
    public const string NbCapacity = "nbCapacity";
    public const string CapacitySourceType = "capacitySourceType";
    public const string GenderCapacityAvailable = "genderCapacityAvailable";
    public const string CapacityUpdateDate = "capacityUpdateDate";
    public const string TemporaryAssignement = "temporaryAssignement";

    /// <summary>TRE_R329 NatureCapacite: 01 Lit, 02 Place (HAD, EHPAD).</summary>
    public const string NatureCapaciteSystem = "https://mos.esante.gouv.fr/NOS/TRE_R329-NatureCapacite/FHIR/TRE-R329-NatureCapacite";
    public static readonly CodeEntry Lit = new("01", "Lit");
    public static readonly CodeEntry Place = new("02", "Place");

    /// <summary>TRE_R330 TypeStatutCapacite, OID 1.2.250.1.213.3.3.213 (07 Opérationnel deprecated 2025-01-31, never sent).</summary>
    public const string StatutCapaciteSystem = "https://mos.esante.gouv.fr/NOS/TRE_R330-TypeStatutCapacite/FHIR/TRE-R330-TypeStatutCapacite";
    public static readonly CodeEntry Installed = new("01", "Installé");
    public static readonly CodeEntry Available = new("02", "Disponible");
    public static readonly CodeEntry Occupied = new("03", "Occupé");
    public static readonly CodeEntry Reserved = new("04", "Réservé");
    public static readonly CodeEntry Closed = new("05", "Fermé");
    public static readonly CodeEntry Surge = new("06", "Supplémentaire");
    public static readonly CodeEntry Operational = new("07", "Opérationnel");

    /// <summary>The statuses a sender may give (they map to the unit's stored inputs); 02 and 07 are derived.</summary>
    public static readonly IReadOnlyList<CodeEntry> InputStatuses = [Installed, Closed, Surge, Occupied, Reserved];

    /// <summary>TRE_R331 TemporaliteCapacite: 01 Courant.</summary>
    public const string TemporaliteCapaciteSystem = "https://mos.esante.gouv.fr/NOS/TRE_R331-TemporaliteCapacite/FHIR/TRE-R331-TemporaliteCapacite";
    public static readonly CodeEntry Current = new("01", "Courant");

    /// <summary>
    /// TRE_R332 GenreCapacite: 03 Indifférencié. exchange.md says 02, but the IG's own example
    /// (input/fsh/examples/RORLocationExemple.fsh) codes 01 Femme, 02 Homme, 03 Indifférencié: the guide wins.
    /// </summary>
    public const string GenreCapaciteSystem = "https://mos.esante.gouv.fr/NOS/TRE_R332-GenreCapacite/FHIR/TRE-R332-GenreCapacite";
    public static readonly CodeEntry Undifferentiated = new("03", "Indifférencié");

    /// <summary>TRE_R335 TypeSourceCapacite (capacitySourceType); RORLocationExemple.fsh uses 01 "Saisie manuelle".</summary>
    public const string SourceTypeSystem = "https://mos.esante.gouv.fr/NOS/TRE_R335-TypeSourceCapacite/FHIR/TRE-R335-TypeSourceCapacite";
    public static readonly CodeEntry ManualEntry = new("01", "Saisie manuelle");

    /// <summary>TRE_R337 AffectationTemporaire (temporaryAssignement); RORLocationExemple.fsh uses 01 "Aucune".</summary>
    public const string TemporaryAssignementSystem = "https://mos.esante.gouv.fr/NOS/TRE_R337-AffectationTemporaire/FHIR/TRE-R337-AffectationTemporaire";
    public static readonly CodeEntry NoAssignement = new("01", "Aucune");

    /// <summary>TRE_R354 TypeIdentifiantRessourceOperationnelle: 25, the idLocation slice of RORLocation.</summary>
    public const string LocationIdentifierTypeSystem = "https://mos.esante.gouv.fr/NOS/TRE_R354-TypeIdentifiantRessourceOperationnelle/FHIR/TRE-R354-TypeIdentifiantRessourceOperationnelle";
    public static readonly CodeEntry IdLocation = new("25", "Identifiant du lieu de réalisation de l'offre connu par l'instance ROR");

    /// <summary>TRE_R343 FonctionLieu: 001 Hébergement (RORLocationExemple.fsh).</summary>
    public const string FonctionLieuSystem = "https://mos.esante.gouv.fr/NOS/TRE_R343-FonctionLieu/FHIR/TRE-R343-FonctionLieu";
    public static readonly CodeEntry Accommodation = new("001", "Hébergement");
}

/// <summary>A code with its display, as the source code system spells it.</summary>
public sealed record CodeEntry(string Code, string Display);
