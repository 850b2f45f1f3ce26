using System.Diagnostics;
using BedCoord.Domain.Bjml;
using BedCoord.Domain.History;
using BedCoord.Domain.Report;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.BedBlockers;
using BedCoord.Persistence.History;
using BedCoord.Persistence.Reports;

namespace BedCoord.Server.Reports;

/// <summary>
/// Gathers a weekly report's inputs and builds it. Figures come from the input log replayed per establishment
/// (<see cref="EstablishmentReplay"/>, the same sums as the grid): the state at the start of the 12 weeks, then
/// every input of the département's units and establishments up to the week's end (or now). Census values and durations are therefore exact, not
/// read from buckets, and inputs written in the past (a back-fill) count as soon as they are written.
/// </summary>
public sealed class WeeklyReportLoader(InputLog inputs, BedBlockerStore registers, ReportStore store, TerritoryCatalogHolder territory,
    IGrainFactory grains, TimeProvider clock, ILogger<WeeklyReportLoader> log)
{
    public async Task<WeeklyReport> BuildAsync(string department, IsoWeek week, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var catalog = territory.Current;
        var dept = new ScopeRef(ScopeKind.Department, department);
        var info = catalog.Document.Regions.SelectMany(r => r.Sectors).SelectMany(s => s.Departments).First(d => d.Code == department);
        var trend = WeeklyReportBuilder.TrendOf(week);
        var lastYear = ReportWeek.SameWeekLastYear(week);

        var recent = await TimelinesAsync(info, ReportWeek.Start(trend[0]), Min(ReportWeek.End(week), now), ct);
        var previousYear = lastYear is { } ly && ReportWeek.Start(ly) < now
            ? await TimelinesAsync(info, ReportWeek.Start(ly), Min(ReportWeek.End(ly), now), ct)
            : [];
        var bjmlWeeks = lastYear is { } l ? trend.Append(l).ToList() : trend.ToList();
        var bjml = await Task.WhenAll(info.Establishments.Select(async e =>
        {
            var grain = grains.GetGrain<IEdAdmissionsGrain>(e.Id);
            var results = await Task.WhenAll(bjmlWeeks.Select(w => grain.Compute(w.Days()[0])));
            return (e.Id, Weeks: bjmlWeeks.Zip(results).ToDictionary(x => x.First, x => x.Second));
        }));
        var bjmlOf = bjml.ToDictionary(b => b.Id, b => (IReadOnlyDictionary<IsoWeek, BjmlResult>)b.Weeks);

        var scopes = info.Establishments.Select(e => new ScopeRef(ScopeKind.Establishment, e.Id)).Prepend(dept).ToList();
        var spans = DeclarationSpan.Pair(await store.DeclarationsAsync(scopes, ReportWeek.End(week), ct));

        var establishments = info.Establishments.Select(e => new EstablishmentInput(e.Id, e.Name, e.EmergencyDepartment,
            e.Units.Select(u => BedCategory.TryGet(u.Category, out var c) ? c.Group : BedGroups.Mco).ToList(),
            recent.GetValueOrDefault(e.Id) ?? new Timeline([]),
            previousYear.GetValueOrDefault(e.Id) ?? new Timeline([]),
            bjmlOf[e.Id],
            spans.Where(s => s.ScopeKind == "establishment" && s.ScopeId == e.Id).ToList())).ToList();

        return WeeklyReportBuilder.Build(new WeeklyReportInput(department, info.Name, week, now, establishments,
            spans.Where(s => s.ScopeKind == "department").ToList()));
    }

    /// <summary>Each establishment's samples over [from, to): the state in force at from, then one per change.</summary>
    private async Task<Dictionary<string, Timeline>> TimelinesAsync(DepartmentInfo info, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var units = info.Establishments.SelectMany(e => e.Units.Select(u => Identifiers.UnitKey(e.Id, u.Id))).ToList();
        var finesses = info.Establishments.Select(e => e.Id).ToList();
        var scopes = finesses.Select(f => new ScopeRef(ScopeKind.Establishment, f)).ToList();
        var replay = new EstablishmentReplay(territory.Current, finesses);
        // The state in force just before from (inputs at exactly from belong to the period), then the period's inputs.
        // The bed-blocker registers come from their own rows (never deleted): the lines open at from, then the period's moves.
        var register = to > from ? await registers.HistoryAsync(finesses, from, to, ct) : [];
        foreach (var e in await inputs.StateAtAsync(from.AddTicks(-1), units, finesses, scopes, ct)) replay.Apply(e);
        foreach (var e in register.TakeWhile(e => e.At < from)) replay.Apply(e);
        var samples = finesses.ToDictionary(f => f, f => replay.SampleOf(f, from) is { } s ? new List<ReportSample> { s } : []);
        var inputsOfPeriod = to > from ? await inputs.ReadScopedAsync(from, to, units, finesses, scopes, ct) : [];
        // Merged in time order; at the same instant the grid's inputs first (a stable sort keeps their order).
        var events = inputsOfPeriod.Concat(register.SkipWhile(e => e.At < from)).OrderBy(e => e.At).ToList();
        foreach (var e in events)
            if (replay.Apply(e) is { } changed && replay.SampleOf(changed, e.At) is { } sample)
                samples[changed].Add(sample);
        log.LogDebug("Report of {Department}: {Events} inputs from {From} replayed in {Ms} ms", info.Code, events.Count, from,
            Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return samples.ToDictionary(kv => kv.Key, kv => new Timeline(kv.Value));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
