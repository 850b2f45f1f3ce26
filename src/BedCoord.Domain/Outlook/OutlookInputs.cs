namespace BedCoord.Domain.Outlook;

/// <summary>
/// What an outlook rests on: a scope's state at <see cref="At"/> (available and open beds, the discharges its
/// units expect within 24 h), its BJML (the daily number of post-emergency beds needed, null when not
/// computable, with why) and the hourly profiles that spread both over the day.
/// </summary>
public sealed record OutlookInputs(
    DateTimeOffset At,
    int Available,
    int Open,
    int ExpectedDischarges,
    int? Bjml,
    string? BjmlNote,
    HourlyProfile Admissions,
    HourlyProfile Discharges,
    OutlookCalibration? Calibration = null);

/// <summary>
/// One horizon of an outlook. <see cref="Available"/> is never below 0 (no bed can be less than unavailable);
/// what is missing below 0 is <see cref="Shortfall"/>: patients expected without a bed.
/// </summary>
public sealed record OutlookPoint(
    int HorizonHours,
    DateTimeOffset At,
    double Available,
    double Low,
    double High,
    double Shortfall,
    double Discharges,
    double Admissions);

public sealed record OutlookResult(DateTimeOffset At, string Method, IReadOnlyList<OutlookPoint> Points, OutlookInputs Inputs);
