namespace BedCoord.Domain.Territory;

/// <summary>A bed category of domain.md §2 and the group it is summed into.</summary>
public sealed record BedCategory(string Code, string Label, string Group, bool CriticalCare = false)
{
    public static readonly IReadOnlyList<BedCategory> All =
    [
        new("MED", "Médecine", BedGroups.Mco),
        new("CHIR", "Chirurgie", BedGroups.Mco),
        new("OBST", "Gynécologie-obstétrique", BedGroups.Mco),
        new("PED", "Pédiatrie", BedGroups.Mco),
        new("UHCD", "Unité d'hospitalisation de courte durée (urgences)", BedGroups.Mco),
        new("REA", "Réanimation", BedGroups.Mco, CriticalCare: true),
        new("USI", "Soins intensifs", BedGroups.Mco, CriticalCare: true),
        new("USC", "Surveillance continue", BedGroups.Mco, CriticalCare: true),
        new("SMR", "Soins médicaux et de réadaptation", BedGroups.Smr),
        new("PSY", "Psychiatrie", BedGroups.Psy),
        new("HAD", "Hospitalisation à domicile (places)", BedGroups.Had),
        new("USLD", "Unité de soins de longue durée", BedGroups.Usld),
        new("EHPAD", "Hébergement pour personnes âgées dépendantes (places)", BedGroups.Ehpad),
    ];

    private static readonly Dictionary<string, BedCategory> ByCode = All.ToDictionary(c => c.Code, StringComparer.Ordinal);

    public static bool TryGet(string? code, out BedCategory category)
    {
        if (code is not null && ByCode.TryGetValue(code, out var found)) { category = found; return true; }
        category = null!;
        return false;
    }

    public static BedCategory Get(string code) =>
        TryGet(code, out var c) ? c : throw new ArgumentException($"Unknown bed category '{code}'.", nameof(code));
}

public static class BedGroups
{
    public const string Mco = "MCO";
    public const string Smr = "SMR";
    public const string Psy = "PSY";
    public const string Had = "HAD";
    public const string Usld = "USLD";
    public const string Ehpad = "EHPAD";

    public static readonly IReadOnlyList<string> All = [Mco, Smr, Psy, Had, Usld, Ehpad];
}
