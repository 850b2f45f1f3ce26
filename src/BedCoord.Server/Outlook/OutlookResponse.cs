using BedCoord.Domain.Outlook;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;

namespace BedCoord.Server.Outlook;

/// <summary>
/// The answer of GET /api/{kind}/{id}/outlook (docs/API.md § Outlook). The board draws <c>points</c> as a
/// dashed continuation of the available-beds chart: keep these names.
/// </summary>
public sealed record OutlookResponse(string Kind, string Id, DateTimeOffset At, string Method,
    IReadOnlyList<OutlookPointResponse> Points, OutlookInputsResponse Inputs)
{
    public static OutlookResponse Of(ScopeRef scope, OutlookResult r, BjmlFigures? bjml, bool replay) => new(
        scope.Kind.Name(), scope.Id, r.At, r.Method,
        r.Points.Select(p => new OutlookPointResponse(p.HorizonHours, p.At, p.Available, p.Low, p.High, p.Shortfall, p.Discharges, p.Admissions)).ToList(),
        new OutlookInputsResponse(OutlookCalculator.MethodId, replay ? "replay" : "live", r.Inputs.Available, r.Inputs.Open,
            r.Inputs.ExpectedDischarges,
            new OutlookBjmlResponse(r.Inputs.Bjml, bjml is { Computable: true }, r.Inputs.BjmlNote),
            ProfileResponse.Of(r.Inputs.Admissions), ProfileResponse.Of(r.Inputs.Discharges),
            CalibrationResponse.Of(r.Inputs.Calibration ?? OutlookCalibration.None),
            r.Inputs.Calibration is { Calibrated: true }
                ? $"± {OutlookCalculator.BandZ.ToString(System.Globalization.CultureInfo.InvariantCulture)} × the root mean square error of the calibrated outlook at that horizon over the past {HourlyProfile.Window.TotalDays} days"
                : $"± {OutlookCalculator.BandZ.ToString(System.Globalization.CultureInfo.InvariantCulture)} × √(admissions + discharges expected by the horizon) (history too short to measure the error)"));
}

/// <summary>One horizon: available is never negative; what is missing below 0 is the shortfall.</summary>
public sealed record OutlookPointResponse(int HorizonHours, DateTimeOffset At, double Available, double Low, double High,
    double Shortfall, double Discharges, double Admissions);

/// <summary>What the outlook used, so a reader can redo it by hand.</summary>
public sealed record OutlookInputsResponse(string MethodId, string State, int Available, int Open, int ExpectedDischarges,
    OutlookBjmlResponse Bjml, ProfileResponse AdmissionsProfile, ProfileResponse DischargesProfile,
    CalibrationResponse Calibration, string Band);

/// <summary>
/// The factor applied to the expected net flow and the past error, per horizon ("6", "12", "24"), learnt on the
/// scope's own history; empty when not calibrated (factor 1, counting band).
/// </summary>
public sealed record CalibrationResponse(bool Calibrated, int Hours, IReadOnlyDictionary<string, double> Factors, IReadOnlyDictionary<string, double> Spread)
{
    public static CalibrationResponse Of(OutlookCalibration c) => new(c.Calibrated, c.Instants, ByHorizon(c.Factors, 4), ByHorizon(c.Spread, 2));

    private static Dictionary<string, double> ByHorizon(IReadOnlyDictionary<int, double> values, int digits) =>
        values.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv => Math.Round(kv.Value, digits));
}

public sealed record OutlookBjmlResponse(int? Value, bool Computable, string? Note);

/// <summary>An hourly profile: 24 shares, index = hour of day in Europe/Paris.</summary>
public sealed record ProfileResponse(string Source, int Days, int Movements, IReadOnlyList<double> Shares)
{
    public static ProfileResponse Of(HourlyProfile p) =>
        new(p.Source, p.Days, p.Movements, p.Shares.Select(s => Math.Round(s, 4)).ToList());
}
