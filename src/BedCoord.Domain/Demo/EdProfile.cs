using BedCoord.Domain.Beds;

namespace BedCoord.Domain.Demo;

/// <summary>
/// How big an establishment's emergency activity is, read from its units so that the seed, the back-fill and
/// the simulator agree without the SAE file: demo UHCDs get one bed per 4,000 yearly attendances (DemoUnits),
/// and medicine and surgery beds are where patients from the ED are admitted and where bed blockers wait.
/// </summary>
public readonly record struct EdProfile(int UhcdBeds, int PostEdBeds)
{
    public const double AttendancesPerUhcdBed = 4000;

    public double AttendancesPerDay => UhcdBeds * AttendancesPerUhcdBed / 365.0;

    public static EdProfile From(IEnumerable<(string Category, int Installed)> units)
    {
        int uhcd = 0, postEd = 0;
        foreach (var (category, installed) in units)
        {
            if (category == "UHCD") uhcd += installed;
            else if (category is "MED" or "CHIR") postEd += installed;
        }
        return new EdProfile(uhcd, postEd);
    }

    public static EdProfile From(IReadOnlyDictionary<string, BedFigures> categories) =>
        From(categories.Select(kv => (kv.Key, kv.Value.Installed)));
}
