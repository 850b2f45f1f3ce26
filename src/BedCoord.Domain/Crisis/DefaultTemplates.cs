namespace BedCoord.Domain.Crisis;

/// <summary>
/// The shipped checklists, built from the public guides summarised in crisis-notes §3.3 (source in each comment).
/// They are a starting point to adapt: each establishment's PGTHSSE defines its own measures, and the 2019 and 2024
/// guides' lists could not be read in public sources.
/// </summary>
public static class DefaultTemplates
{
    public const string Notice =
        "Modèle par défaut, établi à partir de guides publics (AP-HP/IGAS, ORU Occitanie, plan blanc AP-HP 2009, circulaire DGS 2021) : " +
        "à adapter au plan de gestion des tensions (PGTHSSE) de l'établissement ou de la cellule.";

    private const int Hour = 60;

    public static readonly IReadOnlyList<TriggerTemplates> All =
    [
        new(MeasureTriggers.Pmi,
        [
            new("veille", "Activer la cellule de veille ; suivi renforcé de l'activité et des lits disponibles", "activity", 2 * Hour), // #1 AP-HP/IGAS
            new("recensement", "Recenser les lits disponibles et les sorties anticipées", "capacity", 2 * Hour), // #2 hôpital en tension
            new("ouverture-lits", "Rouvrir des lits fermés, ajouter des lits dans les unités, ouvrir un service", "capacity", 6 * Hour), // #3 ORU 2022
            new("rappel-personnel", "Rappeler du personnel / demander des renforts", "staff", 6 * Hour), // #4 ORU 2022, AP-HP N2
            new("tableau-capacitaire", "Publier la capacité mobilisable (lits supplémentaires ouverts, lits fermés réactivables)", "capacity", 3 * Hour), // #22
            new("cellule-quotidienne", "Réunir la cellule de crise chaque jour", "communication", 24 * Hour), // #5 AP-HP N2
            new("deprogrammation-medecine", "Déprogrammer les admissions de médecine ; moduler les admissions en chirurgie", "activity", 12 * Hour), // #6
        ]),
        new(MeasureTriggers.PlanBlanc,
        [
            new("cellule-crise", "Activer la cellule de crise hospitalière", "communication", 1 * Hour), // #10 AP-HP 2009 §5.2
            new("information-prefet", "Informer sans délai le préfet (via l'ARS)", "communication", 1 * Hour), // #21
            new("deprogrammation-chirurgie", "Déprogrammer de façon graduée la chirurgie non urgente", "activity", 6 * Hour), // #7 DGS 2021
            new("rappel-conges", "Rappeler le personnel en congé ; redéployer les équipes", "staff", 3 * Hour), // #8, #13
            new("capacite-accueil", "Augmenter la capacité de prise en charge des victimes", "capacity", 3 * Hour), // #15
            new("accueil-orientation", "Organiser l'accueil et l'orientation des victimes", "flow", 1 * Hour), // #16
            new("securite", "Sécuriser le périmètre et contrôler les accès", "safety", 2 * Hour), // #11
            new("circulation", "Organiser circulation, stationnement, navettes et signalétique", "logistics", 3 * Hour), // #12
            new("logistique", "Mobiliser le matériel et la logistique de crise", "logistics", 3 * Hour), // #14
            new("tracabilite", "Assurer la traçabilité des patients hospitalisés", "flow", 2 * Hour), // #17
            new("familles", "Informer les familles et les proches", "communication", 6 * Hour), // #18
            new("communication", "Communication de crise", "communication", 3 * Hour), // #19
            new("levee", "Préparer les modalités de levée du plan blanc", "communication", 24 * Hour), // #9
        ]),
        new(MeasureTriggers.TensionForte,
        [
            new("veille", "Activer la cellule de veille ; suivi renforcé de l'activité et des lits disponibles", "activity", 2 * Hour), // #1
            new("recensement", "Recenser les lits disponibles et les sorties anticipées", "capacity", 3 * Hour), // #2
            new("tableau-capacitaire", "Publier la capacité mobilisable", "capacity", 3 * Hour), // #22
        ]),
        new(MeasureTriggers.Crise,
        [
            new("cellule-quotidienne", "Réunir la cellule de crise chaque jour", "communication", 12 * Hour), // #5
            new("renforts", "Demander des renforts à la cellule territoriale", "staff", 3 * Hour), // #4
        ]),
        new(MeasureTriggers.Territorial,
        [
            new("transferts", "Organiser les transferts inter-établissements", "flow", 3 * Hour), // #23 (derived)
            new("declarations-urgences", "Suivre les déclarations de saturation des urgences", "activity", 2 * Hour), // #23 (derived)
            new("regulation-urgences", "Étudier une régulation temporaire de l'accès aux urgences", "flow", 6 * Hour), // #23, arrêté du 2 juillet 2024
            new("renforts-ars", "Relayer les demandes de renfort à l'ARS", "staff", 3 * Hour), // #23 (derived)
            new("point-quotidien", "Tenir un point de situation quotidien avec les établissements", "communication", 24 * Hour), // #5 transposed
        ]),
    ];

    public static TriggerTemplates For(string trigger) => All.First(t => t.Trigger == trigger);
}
