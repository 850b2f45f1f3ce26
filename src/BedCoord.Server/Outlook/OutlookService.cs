using BedCoord.Domain.Bjml;
using BedCoord.Domain.History;
using BedCoord.Domain.Outlook;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.History;
using BedCoord.Server.History;

namespace BedCoord.Server.Outlook;

/// <summary>
/// Gathers an outlook's inputs: the scope's state (live, or rebuilt from the input log for a past instant),
/// its BJML and the hourly profiles learnt from its 1-hour history; the arithmetic is the domain's.
/// </summary>
public sealed class OutlookService(HistoryStore store, GridModelLoader loader, IGrainFactory grains, TerritoryCatalogHolder territory)
{
    /// <summary>The outlook from the live state, or from the state at <paramref name="at"/> (null when nothing was known then).</summary>
    public async Task<OutlookResponse?> ComputeAsync(ScopeRef scope, DateTimeOffset now, DateTimeOffset? at, CancellationToken ct)
    {
        Summary? state;
        BjmlFigures? bjml;
        var t = at ?? now;
        if (at is null)
        {
            state = await grains.Scope(scope).GetSummary(false);
            bjml = state.Bjml;
        }
        else
        {
            var model = await loader.ModelAtAsync(t, scope, ct);
            state = model.SummaryOf(scope);
            // The BJML is a weekly figure: the one of the week holding t, whatever has been imported since.
            bjml = state is null ? null : await BjmlAtAsync(scope, t);
        }
        if (state is null) return null;

        var rows = await store.ReadAsync(Step.Hour, scope.ToString(), t - HourlyProfile.Window, t, ct);
        var (admissions, discharges) = HourlyProfile.Learn(rows, t);
        var computable = bjml is { Computable: true, Value: not null };
        var value = computable ? bjml!.Value : null;
        var calibration = OutlookCalibration.Learn(rows, t, value, admissions, discharges, OutlookCalculator.Horizons);
        var inputs = new OutlookInputs(t, state.Beds.Available, state.Beds.Open, state.Beds.ExpectedDischarges,
            value, bjml?.Reason ?? (computable ? null : "pas de BJML pour ce périmètre"), admissions, discharges, calibration);
        return OutlookResponse.Of(scope, OutlookCalculator.Compute(inputs), bjml, replay: at is not null);
    }

    private async Task<BjmlFigures> BjmlAtAsync(ScopeRef scope, DateTimeOffset t)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, Steps.Paris).DateTime);
        var establishments = EstablishmentsUnder(territory.Current, scope);
        var results = await Task.WhenAll(establishments.Select(e => grains.GetGrain<IEdAdmissionsGrain>(e).Compute(day)));
        var figures = results.Select(r => r.ToFigures(0)).ToList();
        return scope.Kind == ScopeKind.Establishment ? figures[0] : BjmlFigures.Sum(figures);
    }

    private static List<string> EstablishmentsUnder(TerritoryCatalog catalog, ScopeRef root)
    {
        if (root.Kind == ScopeKind.Establishment) return [root.Id];
        var found = new List<string>();
        var stack = new Stack<ScopeRef>([root]);
        while (stack.Count > 0)
        {
            var s = stack.Pop();
            if (s.Kind == ScopeKind.Establishment) { found.Add(s.Id); continue; }
            foreach (var c in catalog.ChildrenOf(s)) stack.Push(c);
        }
        return found;
    }
}
