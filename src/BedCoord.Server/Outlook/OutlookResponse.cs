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
            $"± {OutlookCalculator.BandZ} × √(admissions + discharges expected by the horizon); without BJML the low end is min(estimate, available now) minus that"));
}

/// <summary>One horizon: available is never negative; what is missing below 0 is the shortfall.</summary>
public sealed record OutlookPointResponse(int HorizonHours, DateTimeOffset At, double Available, double Low, double High,
    double Shortfall, double Discharges, double Admissions);

/// <summary>What the outlook used, so a reader can redo it by hand.</summary>
public sealed record OutlookInputsResponse(string MethodId, string State, int Available, int Open, int ExpectedDischarges,
    OutlookBjmlResponse Bjml, ProfileResponse AdmissionsProfile, ProfileResponse DischargesProfile, string Band);

public sealed record OutlookBjmlResponse(int? Value, bool Computable, string? Note);

/// <summary>An hourly profile: 24 shares, index = hour of day in Europe/Paris.</summary>
public sealed record ProfileResponse(string Source, int Days, int Movements, IReadOnlyList<double> Shares)
{
    public static ProfileResponse Of(HourlyProfile p) =>
        new(p.Source, p.Days, p.Movements, p.Shares.Select(s => Math.Round(s, 4)).ToList());
}
