using BedCoord.Domain.Beds;
using BedCoord.Domain.History;

namespace BedCoord.Domain.Demo;

/// <summary>
/// Emergency figures of a winter week for the demo (seed, twelve-week back-fill, simulator). Patients who
/// need a bed pile up in the ED through the evening and the night and are still there at the 08:00 census
/// (the "nuits brancard"); morning discharges free beds from late morning, so the queue is shortest in the
/// early evening. Bed blockers (patients fit to leave, waiting for SMR, EHPAD, HAD or psychiatry) barely move
/// during a day but build up over the weekend, when few downstream places admit.
/// </summary>
public static class WinterEmergency
{
    // Share of the day's peak still waiting for a bed, by hour of the day in Paris.
    private static readonly double[] WaitingByHour =
    [
        0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.86, 0.93, // 00-07: the night's admissions wait
        1.00, 1.00, 0.95, 0.85, 0.75, 0.65, 0.55, 0.46, // 08-15: census peak, then discharges free beds
        0.40, 0.36, 0.35, 0.38, 0.42, 0.46, 0.50, 0.53, // 16-23: evening arrivals start the next queue
    ];

    // Monday brings the weekend's admissions; Friday discharges before the weekend.
    private static readonly double[] WaitingByDay = [1.10, 1.15, 1.05, 1.00, 1.00, 0.95, 1.00]; // Sunday first
    private static readonly double[] BlockersByDay = [1.15, 1.15, 1.10, 1.00, 0.95, 0.90, 1.05];

    /// <summary>Peak of patients waiting for a bed on an ordinary winter day: about one attendance in twelve.</summary>
    public static double WaitingPeak(EdProfile profile) => Math.Max(2, profile.AttendancesPerDay / 12);

    /// <summary>Usual number of bed blockers: about one medicine or surgery bed in twenty-five.</summary>
    public static double UsualBlockers(EdProfile profile) => Math.Max(1, profile.PostEdBeds / 25.0);

    /// <summary>Share of the day's peak waiting at this time (Paris), interpolated between hours.</summary>
    public static double WaitingShape(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Steps.Paris);
        var hour = local.Hour;
        var fraction = local.Minute / 60.0;
        return WaitingByHour[hour] + (WaitingByHour[(hour + 1) % 24] - WaitingByHour[hour]) * fraction;
    }

    /// <summary>
    /// The figures at <paramref name="at"/>; <paramref name="pressure"/> scales them (1 = an ordinary winter
    /// day, more during an epidemic wave). <paramref name="random"/> adds the scatter of real days.
    /// </summary>
    public static EmergencyFigures At(EdProfile profile, DateTimeOffset at, Random random, double pressure = 1)
    {
        var day = (int)TimeZoneInfo.ConvertTime(at, Steps.Paris).DayOfWeek;
        var waiting = WaitingPeak(profile) * WaitingShape(at) * WaitingByDay[day] * pressure * (0.85 + 0.3 * random.NextDouble());
        var blockers = UsualBlockers(profile) * BlockersByDay[day] * Math.Sqrt(Math.Max(0, pressure)) * (0.85 + 0.3 * random.NextDouble());
        return new EmergencyFigures(Bound(waiting), Bound(blockers));
    }

    /// <summary>One step from the current figures toward <paramref name="target"/>: queues grow and shrink a few patients at a time.</summary>
    public static EmergencyFigures Toward(EmergencyFigures current, EmergencyFigures target, int maxStep = 2) =>
        new(Move(current.EdWaitingForBed, target.EdWaitingForBed, maxStep), Move(current.BedBlockers, target.BedBlockers, 1));

    private static int Move(int from, int to, int maxStep) => from + Math.Clamp(to - from, -maxStep, maxStep);

    private static int Bound(double value) => Math.Clamp((int)Math.Round(value), 0, BedLimits.MaxCount);
}
