using BedCoord.Domain.Beds;
using BedCoord.Domain.Demo;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.History;

/// <summary>
/// A plausible winter for the demo: bed states three times a day (morning, early afternoon, evening rounds)
/// and emergency figures every two hours (a winter ED day: WinterEmergency), with a weekly rhythm, a flu wave ten days ago and a few units whose
/// managers stop updating for a while. Deterministic for a given seed; every series ends on today's state so
/// that history and the live grid agree at the join.
/// </summary>
public static class DemoHistory
{
    private static readonly (int Hour, int Minute)[] Rounds = [(8, 0), (14, 30), (19, 0)];

    public static List<HistoryEvent> Inputs(TerritoryCatalog catalog, IReadOnlyDictionary<string, BedFigures> units,
        IReadOnlyDictionary<string, EmergencyFigures> emergency, DateTimeOffset from, DateTimeOffset to, int seed = 2026)
    {
        var events = new List<HistoryEvent>();
        var n = 0;
        foreach (var est in catalog.Establishments())
        {
            foreach (var unit in est.Units)
            {
                var key = Identifiers.UnitKey(est.Id, unit.Id);
                if (!units.TryGetValue(key, out var now) || now.Installed == 0) continue;
                var rng = new Random(seed ^ StableHash(key));
                // Each series moves around today's occupancy, so the past joins the live grid without a step.
                var today = now.Open == 0 ? 0.85 : (double)now.Occupied / now.Open;
                // One unit in forty has a manager away for a few days: the board shows it stale, as in real life.
                var away = rng.Next(40) == 0 ? from.AddDays(rng.Next(20, 70)) : (DateTimeOffset?)null;
                foreach (var day in Days(from, to))
                    foreach (var (h, m) in Rounds)
                    {
                        var at = Steps.ParisTime(day, new TimeOnly(h, m)).AddMinutes(rng.Next(-35, 35));
                        if (at < from || at >= to || rng.Next(12) == 0) continue;
                        if (away is { } a && at >= a && at < a.AddDays(3)) continue;
                        var rate = Math.Clamp(today + Season(at, to, est.DepartmentCode) - Season(to, to, est.DepartmentCode) + Rhythm(at) + (rng.NextDouble() - 0.5) * 0.04, 0.3, 1.02);
                        var occupied = Math.Clamp((int)Math.Round(rate * now.Open), 0, Math.Max(0, now.Open - now.Reserved));
                        var beds = now with { Occupied = occupied, ExpectedDischarges = (int)Math.Round(occupied * 0.12) };
                        events.Add(new UnitBedsEvent($"d{n++}", at, est.Id, unit.Id, beds, "demo-historique"));
                    }
                events.Add(new UnitBedsEvent($"d{n++}", to.AddMinutes(-1 - rng.Next(30)), est.Id, unit.Id, now, "demo-historique"));
            }
            if (!est.EmergencyDepartment || !emergency.TryGetValue(est.Id, out var ed)) continue;
            var erng = new Random(seed ^ StableHash(est.Id));
            var profile = EdProfile.From(est.Units.Select(u =>
                (u.Category, units.TryGetValue(Identifiers.UnitKey(est.Id, u.Id), out var b) ? b.Installed : 0)));
            for (var at = Step.Hour.Floor(from).AddHours(1); at < to.AddHours(-1); at = at.AddHours(2))
            {
                // The winter builds up over the weeks and the flu wave fills the EDs first.
                var pressure = Math.Max(0.3, 1 + 8 * Season(at, to, est.DepartmentCode));
                var figures = WinterEmergency.At(profile, at, erng, pressure);
                events.Add(new EmergencyEvent($"d{n++}", at.AddMinutes(erng.Next(0, 20)), est.Id, figures));
            }
            events.Add(new EmergencyEvent($"d{n++}", to.AddMinutes(-2), est.Id, ed));
        }
        events.Sort((a, b) => a.At.CompareTo(b.At));
        return events;
    }

    // Winter builds up over the weeks, with a flu wave peaking ten days before today, stronger in some départements.
    private static double Season(DateTimeOffset at, DateTimeOffset to, string department)
    {
        var daysAgo = (to - at).TotalDays;
        var strength = 0.6 + (StableHash(department) & 7) / 10.0;
        return -0.05 * Math.Min(1, daysAgo / 84) + strength * 0.05 * Math.Exp(-Math.Pow((daysAgo - 10) / 5, 2));
    }

    // Mondays fill up after the weekend; afternoons free beds after the discharges.
    private static double Rhythm(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Steps.Paris);
        var week = local.DayOfWeek switch { DayOfWeek.Monday => 0.02, DayOfWeek.Saturday or DayOfWeek.Sunday => -0.03, _ => 0 };
        var day = local.Hour < 12 ? 0.015 : local.Hour < 17 ? -0.02 : 0.005;
        return week + day;
    }

    private static IEnumerable<DateOnly> Days(DateTimeOffset from, DateTimeOffset to)
    {
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, Steps.Paris).DateTime);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, Steps.Paris).DateTime);
        for (var d = first; d <= last; d = d.AddDays(1)) yield return d;
    }

    // string.GetHashCode changes between runs; the demo must not.
    private static int StableHash(string s)
    {
        unchecked
        {
            var h = (int)2166136261;
            foreach (var c in s) h = (h ^ c) * 16777619;
            return h & 0x7fffffff;
        }
    }
}
