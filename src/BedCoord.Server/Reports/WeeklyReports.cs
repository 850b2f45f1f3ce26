using System.Text.Json;
using BedCoord.Domain.Bjml;
using BedCoord.Domain.Report;
using BedCoord.Persistence.Reports;

namespace BedCoord.Server.Reports;

/// <summary>What the report endpoints answer: the figures (frozen or live), the week's snapshots and its actions.</summary>
public sealed record WeeklyReportAnswer(
    WeeklyReport Report,
    ReportSnapshotInfo? Frozen,
    IReadOnlyList<ReportSnapshotInfo> Snapshots,
    IReadOnlyList<MeetingAction> Actions,
    IReadOnlyList<MeetingAction>? ActionsAtFreeze);

/// <summary>A snapshot's JSON: the report as shown and the actions listed when it was frozen.</summary>
public sealed record FrozenReport(WeeklyReport Report, IReadOnlyList<MeetingAction> Actions);

/// <summary>Serves a week's report from its latest snapshot when frozen (or the one asked for), else computes it live.</summary>
public sealed class WeeklyReports(WeeklyReportLoader loader, ReportStore store, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Null when <paramref name="snapshotId"/> names no snapshot of that week.</summary>
    public async Task<WeeklyReportAnswer?> AnswerAsync(string department, IsoWeek week, long? snapshotId, bool live, CancellationToken ct)
    {
        var snapshots = await store.SnapshotsAsync(department, week.ToString(), ct);
        var actions = await ActionsAsync(department, week, ct);
        if (snapshotId is not null || (!live && snapshots.Count > 0))
        {
            if (await store.SnapshotAsync(department, week.ToString(), snapshotId, ct) is not { } s) return null;
            var frozen = JsonSerializer.Deserialize<FrozenReport>(s.Report, Json)!;
            return new WeeklyReportAnswer(frozen.Report, s.Info, snapshots, actions, frozen.Actions);
        }
        return new WeeklyReportAnswer(await loader.BuildAsync(department, week, ct), null, snapshots, actions, null);
    }

    public async Task<(ReportSnapshotInfo Info, WeeklyReport Report)> FreezeAsync(string department, IsoWeek week, string by, CancellationToken ct)
    {
        var report = await loader.BuildAsync(department, week, ct);
        var actions = await ActionsAsync(department, week, ct);
        var json = JsonSerializer.Serialize(new FrozenReport(report, actions), Json);
        return (await store.FreezeAsync(department, week.ToString(), clock.GetUtcNow(), by, json, ct), report);
    }

    public async Task<IReadOnlyList<MeetingAction>> ActionsAsync(string department, IsoWeek week, CancellationToken ct) =>
        MeetingAction.ForWeek(await store.ActionRevisionsAsync(department, null, ct), week, clock.GetUtcNow());

    public IsoWeek CurrentWeek => ReportWeek.Containing(clock.GetUtcNow());
}
