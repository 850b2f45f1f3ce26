using BedCoord.Domain.History;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Persistence.History;

namespace BedCoord.Server.History;

/// <summary>Reads a scope's series from its tier and completes the open bucket from the live grain.</summary>
public sealed class HistoryReader(HistoryStore store, IGrainFactory grains, TimeProvider clock)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IReadOnlyList<HistoryPoint>> SeriesAsync(ScopeRef scope, HistoryRange range, CancellationToken ct)
    {
        var now = Now;
        var rows = await store.ReadAsync(range.Step, scope.ToString(), range.From, range.To, ct);
        var openBucket = range.Step.Floor(now);
        var live = range.Step.Floor(range.To) >= openBucket ? await grains.Scope(scope).GetSummary(false) : null;
        var liveValues = live is null ? null : ScopeValues.Of(live);
        // BJML is a weekly figure; only this week's is known here, so coverage is given for this week's buckets.
        var bjml = live?.Bjml is { Computable: true, Value: { } b } ? b : (int?)null;
        var weekStart = Step.Day.Floor(now).AddDays(-(((int)TimeZoneInfo.ConvertTime(now, Steps.Paris).DayOfWeek + 6) % 7));
        return SeriesFill.Fill(range.Step, range.From, range.To, rows, liveValues, now,
            bjml is null ? null : end => end > weekStart ? bjml : null);
    }
}
