using BedCoord.Domain.Beds;

namespace BedCoord.Domain.Maturity;

/// <summary>The ORU's support programme: axes and modules (data file, demonstration by default), and its limits.</summary>
public sealed record AccompanimentProgramme(bool Demonstration, int MaxModules, int MaxMonths,
    IReadOnlyList<AccompanimentAxis> Axes, IReadOnlyList<AccompanimentModule> Modules);

public sealed record AccompanimentAxis(string Id, string Label);

public sealed record AccompanimentModule(string Id, string Axis, string Label);

/// <summary>A module followed by an establishment: its dates from start to the impact review.</summary>
public sealed record Accompaniment(
    long Id,
    string Establishment,
    string Module,
    DateOnly StartedOn,
    DateOnly? EndedOn,
    DateOnly? EvaluationOn,
    DateOnly? ImpactReviewOn,
    string? Note,
    DateTimeOffset RecordedAt,
    string RecordedBy)
{
    /// <summary>
    /// The programme's rules: a known module; dates in order (start ≤ end ≤ evaluation ≤ impact review); at most
    /// <see cref="AccompanimentProgramme.MaxMonths"/> months from start to end; at most MaxModules modules of the
    /// establishment running at the same time. Errors name the field.
    /// </summary>
    public static void Check(Accompaniment a, AccompanimentProgramme programme, IReadOnlyList<Accompaniment> existing, FieldErrors errors)
    {
        if (programme.Modules.All(m => m.Id != a.Module))
            errors.Add("module", $"Module « {a.Module} » inconnu (modules : {string.Join(", ", programme.Modules.Select(m => m.Id))}).");
        if (a.EndedOn is { } end)
        {
            if (end < a.StartedOn) errors.Add("endedOn", "La fin (endedOn) ne peut précéder le début (startedOn).");
            else if (end > a.StartedOn.AddMonths(programme.MaxMonths)) errors.Add("endedOn", $"Un accompagnement dure au plus {programme.MaxMonths} mois.");
        }
        if (a.EvaluationOn is { } evaluation && (a.EndedOn is not { } e1 || evaluation < e1))
            errors.Add("evaluationOn", "L'évaluation (evaluationOn) a lieu à la fin de l'accompagnement : renseignez endedOn, et une date qui ne la précède pas.");
        if (a.ImpactReviewOn is { } review && (a.EvaluationOn is not { } e2 || review < e2))
            errors.Add("impactReviewOn", "Le bilan d'impact (impactReviewOn) suit l'évaluation : renseignez evaluationOn, et une date qui ne la précède pas.");
        var overlapping = existing.Count(x => x.StartedOn <= (a.EndedOn ?? DateOnly.MaxValue) && a.StartedOn <= (x.EndedOn ?? DateOnly.MaxValue));
        if (overlapping >= programme.MaxModules)
            errors.Add("module", $"Un accompagnement porte sur {programme.MaxModules} modules au plus à la fois : {overlapping} sont déjà en cours sur ces dates.");
    }
}
