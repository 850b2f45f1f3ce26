using BedCoord.Domain.Beds;

namespace BedCoord.Domain.Crisis;

/// <summary>PATCH …/measures/{id}: {status, owner, dueAt}, each optional.</summary>
public sealed record MeasurePatch(string? Status, string? Owner, DateTimeOffset? DueAt, bool HasOwner, bool HasDueAt);

/// <summary>The measure state machine applied to a change asked by a person.</summary>
public static class MeasureRules
{
    public const int MaxOwner = 200;

    /// <summary>The measure after <paramref name="patch"/>, or null with errors naming the field (nothing changes then).</summary>
    public static Measure? Apply(Measure current, MeasurePatch patch, string by, DateTimeOffset now, FieldErrors errors)
    {
        var status = patch.Status ?? current.Status;
        if (patch.Status is not null && !MeasureStatus.All.Contains(patch.Status))
            errors.Add("status", $"Statut inconnu « {Short(patch.Status)} » : attendu {string.Join(", ", MeasureStatus.All)}.");
        else if (!MeasureStatus.CanMove(current.Status, status))
            errors.Add("status", $"Une mesure « {MeasureStatus.Label(current.Status)} » ne peut pas passer à « {MeasureStatus.Label(status)} ».");
        if (patch.HasOwner && patch.Owner is { Length: > MaxOwner }) errors.Add("owner", $"Le responsable ne doit pas dépasser {MaxOwner} caractères.");
        if (patch.HasDueAt && patch.DueAt is { } due && due < now) errors.Add("dueAt", "L'échéance ne peut pas être dans le passé.");
        if ((patch.HasOwner || patch.HasDueAt) && !current.IsOpen && errors.IsEmpty)
            errors.Add("status", "Cette mesure est close : son responsable et son échéance ne changent plus.");
        if (!errors.IsEmpty) return null;

        var closing = current.IsOpen && !MeasureStatus.IsOpen(status);
        var dueAt = patch.HasDueAt ? patch.DueAt : current.DueAt;
        return current with
        {
            Status = status,
            Owner = patch.HasOwner ? (string.IsNullOrWhiteSpace(patch.Owner) ? null : patch.Owner.Trim()) : current.Owner,
            DueAt = dueAt,
            ClosedAt = closing ? now : current.ClosedAt,
            ClosedBy = closing ? by : current.ClosedBy,
            // A new due time gives the measure a fresh chance to be on time.
            OverdueAt = patch.HasDueAt && dueAt != current.DueAt ? null : current.OverdueAt,
        };
    }

    /// <summary>Lifting a declaration lifts each of its open measures.</summary>
    public static Measure Lift(Measure m, string by, DateTimeOffset now) => m with { Status = MeasureStatus.Lifted, ClosedAt = now, ClosedBy = by };

    public static string Describe(Measure before, Measure after)
    {
        var parts = new List<string>();
        if (before.Status != after.Status) parts.Add($"{MeasureStatus.Label(before.Status)} → {MeasureStatus.Label(after.Status)}");
        if (before.Owner != after.Owner) parts.Add($"responsable : {after.Owner ?? "aucun"}");
        if (before.DueAt != after.DueAt) parts.Add("échéance modifiée");
        return parts.Count == 0 ? "sans changement" : string.Join(", ", parts);
    }

    private static string Short(string s) => s.Length <= 30 ? s : s[..30] + "…";
}
