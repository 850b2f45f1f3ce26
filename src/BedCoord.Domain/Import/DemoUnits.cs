using BedCoord.Domain.Beds;
using BedCoord.Domain.Mobilisable;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Import;

/// <summary>
/// Demo units of an establishment, derived deterministically from its SAE capacities, each with a
/// plausible starting state: the same FINESS always gives the same units and figures.
/// </summary>
public static class DemoUnits
{
    // Share of SAE MCO beds given to each MCO category (the SAE file does not split them).
    private static readonly (string Category, double Share)[] McoSplit = [("MED", 0.50), ("CHIR", 0.30), ("OBST", 0.10), ("PED", 0.10)];

    public static IEnumerable<UnitImport> For(string finess, SaeCapacities sae)
    {
        var mcoAssigned = 0;
        for (var i = 0; i < McoSplit.Length; i++)
        {
            var (category, share) = McoSplit[i];
            var beds = i == McoSplit.Length - 1 ? sae.Mco - mcoAssigned : (int)Math.Round(sae.Mco * share);
            mcoAssigned += beds;
            if (beds > 0) yield return Unit(finess, category, beds);
        }
        if (sae.EmergencyDepartment)
            yield return Unit(finess, "UHCD", Math.Clamp((int)Math.Round(sae.EmergencyAttendances / 4000.0), 4, 30));
        if (sae.Reanimation > 0) yield return Unit(finess, "REA", sae.Reanimation);
        var otherCritical = Math.Max(0, sae.CriticalCare - sae.Reanimation);
        var usc = (otherCritical + 1) / 2;
        if (usc > 0) yield return Unit(finess, "USC", usc);
        if (otherCritical - usc > 0) yield return Unit(finess, "USI", otherCritical - usc);
        if (sae.Smr > 0) yield return Unit(finess, "SMR", sae.Smr);
        if (sae.Psy > 0) yield return Unit(finess, "PSY", sae.Psy);
        if (sae.Had > 0) yield return Unit(finess, "HAD", sae.Had);
        if (sae.Usld > 0) yield return Unit(finess, "USLD", sae.Usld);
    }

    private static UnitImport Unit(string finess, string category, int installed)
    {
        installed = Math.Min(installed, BedLimits.MaxCount);
        var id = category.ToLowerInvariant();
        var random = new Random(StableHash($"{finess}/{id}"));
        var closed = (int)Math.Round(installed * random.NextDouble() * 0.08);
        var surge = random.NextDouble() < 0.15 ? (int)Math.Round(installed * 0.05) : 0;
        var open = installed - closed + surge;
        var occupied = (int)Math.Round(open * (0.72 + random.NextDouble() * 0.26));
        var reserved = Math.Min(open - occupied, random.Next(0, 3));
        var discharges = (int)Math.Round(occupied * (0.05 + random.NextDouble() * 0.10));
        return new UnitImport(id, BedCategory.Get(category).Label, category,
            new BedInput(installed, closed, surge, occupied, reserved, discharges, Mobilisable(finess, id, installed, closed)));
    }

    // Mobilisable capacity (issue 10): a few % of the beds, plausible for a unit outside a crisis. Its own random
    // stream, so that the counts above stay what they were before mobilisable capacity existed.
    private static MobilisableInput Mobilisable(string finess, string id, int installed, int closed)
    {
        var random = new Random(StableHash($"{finess}/{id}/mobilisable"));
        var reopenable = closed == 0 ? 0 : random.Next(0, closed + 1);
        var withoutStaff = (int)Math.Round(installed * random.NextDouble() * 0.03);
        var withStaff = (int)Math.Round(installed * random.NextDouble() * 0.05);
        int? Delay() => random.Next(3) switch { 0 => 24, 1 => 72, _ => null };
        return new MobilisableInput(reopenable, Delay(), withoutStaff, 24, withStaff, Delay());
    }

    // string.GetHashCode is randomised per process; the demo must be the same on every start.
    private static int StableHash(string s)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var c in s) h = (h ^ c) * 16777619;
            return h;
        }
    }
}
