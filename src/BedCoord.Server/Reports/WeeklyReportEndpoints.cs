using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Bjml;
using BedCoord.Domain.Report;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.Reports;
using BedCoord.Server.Api;
using BedCoord.Server.Auth;
using BedCoord.Server.OpenApi;

namespace BedCoord.Server.Reports;

/// <summary>The weekly departmental meeting report: figures, freezing, actions (issue 9 item 4; docs/API.md § Weekly report).</summary>
public static class WeeklyReportEndpoints
{
    public const string Route = "/departments/{code}/reports/weekly";

    public static RouteGroupBuilder MapWeeklyReportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(Route, Get).WithName("getWeeklyReport")
            .WithSummary("A département's weekly meeting report for an ISO week: frozen snapshot when there is one, else live figures; format=html for the page's markup")
            .WithDescription("Query: week (ISO week, e.g. 2026-W48; default the current week, Europe/Paris), snapshot (id of a frozen version), live (true: compute now even if frozen), format (json | html).")
            .WithTags("Reports")
            .WithParameters(Param.Week("week", "ISO week (default: the current week, Europe/Paris)"),
                new ParameterContract("snapshot", Microsoft.OpenApi.ParameterLocation.Query, "Id of a frozen version (default: the latest when frozen)")
                    { Type = Microsoft.OpenApi.JsonSchemaType.Integer, Format = "int64", Minimum = "1", Example = System.Text.Json.Nodes.JsonValue.Create(1) },
                Param.OneOf("live", "true: compute now even when the week was frozen", ["true", "false"], "false"),
                Param.OneOf("format", "json, or html for the report's markup", ["json", "html"], "json"))
            .Produces<WeeklyReportAnswer>(200).Produces<string>(200, "text/html")
            .Refuses(400, 404);
        api.MapGet(Route + "/freezes", Freezes).WithName("listWeeklyReportFreezes")
            .WithSummary("The frozen versions of a week's report, newest first").WithDescription("Query: week.")
            .WithTags("Reports").WithParameters(Param.Week("week", "ISO week (default: the current week, Europe/Paris)"))
            .Produces<IReadOnlyList<ReportSnapshotInfo>>(200).Refuses(400, 404);
        api.MapPost(Route + "/freeze", Freeze).WithName("freezeWeeklyReport")
            .WithSummary("Figer pour la réunion: store the week's report as it is now, so it reads the same later (coordinators of the département, supervisors of its region)")
            .WithDescription("Query: week.")
            .WithTags("Reports").WithParameters(Param.Week("week", "ISO week (default: the current week, Europe/Paris)"))
            .Produces<ReportSnapshotInfo>(201).Refuses(400, 403, 404);
        api.MapGet(Route + "/actions", Actions).WithName("listWeeklyReportActions")
            .WithSummary("The actions of a week's meeting: recorded that week, or earlier and still open when it began").WithDescription("Query: week.")
            .WithTags("Reports").WithParameters(Param.Week("week", "ISO week (default: the current week, Europe/Paris)"))
            .Produces<IReadOnlyList<MeetingAction>>(200).Refuses(400, 404);
        api.MapPost(Route + "/actions", AddAction).WithName("addWeeklyReportAction")
            .WithSummary("Record an action at a week's meeting: {what, establishment?, owner, dueDate?, status?}").WithDescription("Query: week (the meeting's week).")
            .WithTags("Reports").WithParameters(Param.Week("week", "ISO week (default: the current week, Europe/Paris)"))
            .AcceptsJson<NewMeetingActionBody>(new { what = "Ouvrir 10 lits de SMR", establishment = "120000039", owner = "Dr Martin", dueDate = "2026-12-14", status = "ouverte" })
            .Produces<MeetingAction>(201).Refuses(400, 403, 404);
        api.MapPatch(Route + "/actions/{actionId:long}", ChangeAction).WithName("changeWeeklyReportAction")
            .WithSummary("Change an action (fields left out keep their value); every change is a new revision")
            .WithTags("Reports")
            .AcceptsJson<MeetingActionChangeBody>(new { status = "close" })
            .Produces<MeetingAction>(200).Refuses(400, 403, 404, 409);
        api.MapGet(Route + "/actions/{actionId:long}/history", ActionHistory).WithName("getWeeklyReportActionHistory")
            .WithSummary("Every revision of an action, oldest first")
            .WithTags("Reports")
            .Produces<IReadOnlyList<MeetingAction>>(200).Refuses(404);
        return api;
    }

    /// <summary>The département and week of a request, or the 404/400 to answer.</summary>
    internal static IResult? Resolve(TerritoryCatalogHolder territory, WeeklyReports reports, string code, string? weekText, string parameter,
        out ScopeRef scope, out IsoWeek week)
    {
        week = reports.CurrentWeek;
        if (ScopeLookup.Find(territory, ScopeKind.Department, code, out scope) is { } notFound) return notFound;
        if (string.IsNullOrEmpty(weekText) || ReportWeek.TryParse(weekText, out week)) return null;
        return Problems.Invalid(parameter, $"{parameter} doit être une semaine ISO existante au format AAAA-Wss (par exemple 2026-W48).");
    }

    private static async Task<IResult> Get(string code, string? week, string? snapshot, string? live, string? format, HttpContext http,
        TerritoryCatalogHolder territory, WeeklyReports reports)
    {
        if (Resolve(territory, reports, code, week, "week", out _, out var w) is { } error) return error;
        var errors = new FieldErrors();
        long? snapshotId = null;
        if (!string.IsNullOrEmpty(snapshot)) { if (long.TryParse(snapshot, out var id) && id > 0) snapshotId = id; else errors.Add("snapshot", "snapshot doit être l'identifiant d'une version figée."); }
        if (live is not (null or "" or "true" or "false")) errors.Add("live", "live vaut true ou false.");
        if (format is not (null or "" or "json" or "html")) errors.Add("format", "format vaut json ou html.");
        if (!errors.IsEmpty) return Problems.Invalid(errors);

        var answer = await reports.AnswerAsync(code, w, snapshotId, live == "true", http.RequestAborted);
        if (answer is null) return Problems.NotFound($"Aucune version figée n°{snapshotId} pour la semaine {w}.");
        return format == "html"
            ? Results.Content(WeeklyReportHtml.Render(answer.Report, answer.Frozen, answer.Actions), "text/html; charset=utf-8")
            : Results.Json(answer, WeeklyReports.Json);
    }

    private static async Task<IResult> Freezes(string code, string? week, HttpContext http, TerritoryCatalogHolder territory, WeeklyReports reports, ReportStore store)
    {
        if (Resolve(territory, reports, code, week, "week", out _, out var w) is { } error) return error;
        return Results.Json(await store.SnapshotsAsync(code, w.ToString(), http.RequestAborted), WeeklyReports.Json);
    }

    private static async Task<IResult> Freeze(string code, string? week, HttpContext http, TerritoryCatalogHolder territory, WeeklyReports reports, WriteGuard guard)
    {
        if (Resolve(territory, reports, code, week, "week", out var scope, out var w) is { } error) return error;
        if (guard.Authorize(http, WriteKind.MeetingReport, scope) is { } forbidden) return forbidden;
        var (info, _) = await reports.FreezeAsync(code, w, http.User.ToCaller().Subject, http.RequestAborted);
        await guard.RecordAsync(http, "report.freeze", scope, null, new { week = info.Week, snapshot = info.Id });
        return Results.Json(info, WeeklyReports.Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Actions(string code, string? week, HttpContext http, TerritoryCatalogHolder territory, WeeklyReports reports)
    {
        if (Resolve(territory, reports, code, week, "week", out _, out var w) is { } error) return error;
        return Results.Json(await reports.ActionsAsync(code, w, http.RequestAborted), WeeklyReports.Json);
    }

    private static async Task<IResult> AddAction(string code, string? week, HttpContext http, TerritoryCatalogHolder territory, WeeklyReports reports,
        ReportStore store, WriteGuard guard, TimeProvider clock)
    {
        if (Resolve(territory, reports, code, week, "week", out var scope, out var w) is { } error) return error;
        var basis = new MeetingAction(0, 1, code, w.ToString(), "", null, "", null, ActionStatus.Open, clock.GetUtcNow(), http.User.ToCaller().Subject);
        return await WriteAsync(http, territory, store, guard, scope, basis, null, "report.action.create", StatusCodes.Status201Created);
    }

    private static async Task<IResult> ChangeAction(string code, long actionId, HttpContext http, TerritoryCatalogHolder territory,
        ReportStore store, WriteGuard guard, TimeProvider clock)
    {
        if (ScopeLookup.Find(territory, ScopeKind.Department, code, out var scope) is { } notFound) return notFound;
        var latest = (await store.ActionRevisionsAsync(code, actionId, http.RequestAborted)).LastOrDefault();
        if (latest is null) return Problems.NotFound($"Action n°{actionId} inconnue dans ce département.");
        var basis = latest with { Revision = latest.Revision + 1, ChangedAt = clock.GetUtcNow(), ChangedBy = http.User.ToCaller().Subject };
        return await WriteAsync(http, territory, store, guard, scope, basis, latest, "report.action.update", StatusCodes.Status200OK);
    }

    private static async Task<IResult> WriteAsync(HttpContext http, TerritoryCatalogHolder territory, ReportStore store, WriteGuard guard,
        ScopeRef scope, MeetingAction basis, MeetingAction? before, string auditAction, int status)
    {
        var (body, error) = await guard.BeginAsync(http, WriteKind.MeetingReport, null, scope);
        if (error is not null) return error;
        using var _ = body;
        var errors = new FieldErrors();
        body!.RejectUnknown(MeetingActionInput.FieldNames, errors);
        var input = new MeetingActionInput(body.String("what", errors, MeetingActionInput.MaxWhat, required: before is null),
            body.String("establishment", errors, 20), body.String("owner", errors, MeetingActionInput.MaxOwner, required: before is null),
            body.String("dueDate", errors, 10), body.String("status", errors, 10));
        var catalog = territory.Current;
        var next = errors.IsEmpty
            ? input.Apply(basis, f => catalog.ParentOf(new ScopeRef(ScopeKind.Establishment, f)) == scope, errors)
            : null;
        if (next is null) return Problems.Invalid(errors);
        if (before is null) next = next with { Id = await store.NewActionIdAsync(http.RequestAborted) };
        if (!await store.AppendActionAsync(next, http.RequestAborted))
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Modifiée entre-temps",
                detail: "Cette action a été modifiée par quelqu'un d'autre entre-temps : rechargez puis recommencez.");
        await guard.RecordAsync(http, auditAction, scope, before, next);
        return Results.Json(next, WeeklyReports.Json, statusCode: status);
    }

    private static async Task<IResult> ActionHistory(string code, long actionId, HttpContext http, TerritoryCatalogHolder territory, ReportStore store)
    {
        if (ScopeLookup.Find(territory, ScopeKind.Department, code, out _) is { } notFound) return notFound;
        var revisions = await store.ActionRevisionsAsync(code, actionId, http.RequestAborted);
        return revisions.Count == 0 ? Problems.NotFound($"Action n°{actionId} inconnue dans ce département.") : Results.Json(revisions, WeeklyReports.Json);
    }
}
