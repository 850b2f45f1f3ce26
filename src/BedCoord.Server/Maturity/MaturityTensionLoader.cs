using BedCoord.Domain.Bjml;
using BedCoord.Domain.History;
using BedCoord.Domain.Maturity;
using BedCoord.Domain.Report;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.History;

namespace BedCoord.Server.Maturity;

/// <summary>
/// An establishment's tension week by week, from the same input-log replay as the weekly report (so the figures
/// agree with it) and, for freshness, from its daily history buckets.
/// </summary>
public sealed class MaturityTensionLoader(InputLog inputs, HistoryStore history, TerritoryCatalogHolder territory, IGrainFactory grains, TimeProvider clock)
{
    public const int MaxWeeks = 160;

    /// <summary>The <paramref name="weeks"/> ISO weeks ending with the current one, oldest first.</summary>
    public Task<IReadOnlyList<TensionWeek>> RecentAsync(string finess, int weeks, CancellationToken ct)
    {
        var current = ReportWeek.Containing(clock.GetUtcNow());
        return WeeksAsync(finess, ReportWeek.Shift(current, -(weeks - 1)), weeks, ct);
    }

    /// <summary><paramref name="count"/> ISO weeks from <paramref name="first"/>; weeks after now are left out.</summary>
    public async Task<IReadOnlyList<TensionWeek>> WeeksAsync(string finess, IsoWeek first, int count, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var catalog = territory.Current;
        var info = catalog.Establishment(finess)!;
        var weeks = Enumerable.Range(0, count).Select(i => ReportWeek.Shift(first, i)).Where(w => ReportWeek.Start(w) < now).ToList();
        if (weeks.Count == 0) return [];
        var from = ReportWeek.Start(weeks[0]);
        var to = Min(ReportWeek.End(weeks[^1]), now);

        var units = info.Units.Select(u => Identifiers.UnitKey(finess, u.Id)).ToList();
        var scope = new ScopeRef(ScopeKind.Establishment, finess);
        var replay = new EstablishmentReplay(catalog, [finess]);
        foreach (var e in await inputs.StateAtAsync(from.AddTicks(-1), units, [finess], [scope], ct)) replay.Apply(e);
        var samples = replay.SampleOf(finess, from) is { } s0 ? new List<ReportSample> { s0 } : [];
        foreach (var e in await inputs.ReadScopedAsync(from, to, units, [finess], [scope], ct))
            if (replay.Apply(e) is not null && replay.SampleOf(finess, e.At) is { } sample) samples.Add(sample);
        var timeline = new Timeline(samples);

        var admissions = grains.GetGrain<IEdAdmissionsGrain>(finess);
        var bjml = await Task.WhenAll(weeks.Select(w => admissions.Compute(w.Days()[0])));
        var daily = await history.ReadAsync(Step.Day, scope.ToString(), from, to, ct);

        return weeks.Select((w, i) =>
        {
            var start = ReportWeek.Start(w);
            var figures = WeekFiguresCalculator.Compute(w, timeline, bjml[i], info.EmergencyDepartment, now);
            return TensionWeek.Of(figures, start, Freshness(daily, start, ReportWeek.End(w)));
        }).ToList();
    }

    /// <summary>Mean share of units up to date at the end of each day of the week that history knows.</summary>
    private static double? Freshness(IReadOnlyList<HistoryRow> daily, DateTimeOffset from, DateTimeOffset to)
    {
        var shares = daily.Where(r => r.Bucket >= from && r.Bucket < to && r.End.Units > 0)
            .Select(r => 1 - (double)r.End.StaleUnits / r.End.Units).ToList();
        return shares.Count > 0 ? shares.Average() : null;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
