namespace BedCoord.Domain.BedBlockers;

/// <summary>Where a bed blocker waits to go (api-v1 § Crisis cell), with the label the pages show.</summary>
public static class BedBlockerDestinations
{
    public static readonly IReadOnlyList<(string Code, string Label)> All =
    [
        ("SMR", "Soins médicaux et de réadaptation"),
        ("EHPAD", "EHPAD"),
        ("HAD", "Hospitalisation à domicile"),
        ("PSY", "Psychiatrie"),
        ("USLD", "Soins de longue durée"),
        ("HOME-SUPPORT", "Domicile avec aide"),
        ("OTHER", "Autre"),
    ];

    public static bool IsKnown(string code) => All.Any(d => d.Code == code);

    public static string Codes => string.Join(", ", All.Select(d => d.Code));
}
