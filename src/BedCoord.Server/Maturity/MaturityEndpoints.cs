using BedCoord.Domain.Summaries;
using System.Text;
using System.Text.Json;
using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Maturity;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.Maturity;
using BedCoord.Server.Api;
using BedCoord.Server.Auth;
using BedCoord.Server.OpenApi;

namespace BedCoord.Server.Maturity;

/// <summary>The maturity index API (issue 13; docs/API.md § Maturity index).</summary>
public static class MaturityEndpoints
{
    public static RouteGroupBuilder MapMaturityEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/maturity/grids", Grids).WithName("listMaturityGrids")
            .WithSummary("Imported maturity grid versions, the one in force (latest imported) first")
            .Produces<IReadOnlyList<MaturityGridInfo>>(200).ProducesProblem(401);
        api.MapGet("/maturity/grids/{version}", Grid).WithName("getMaturityGrid")
            .WithSummary("One grid version with its themes, questions and options")
            .Produces<MaturityGrid>(200).ProducesProblem(401).ProducesProblem(404);
        api.MapPost("/maturity/grids", Import).WithName("importMaturityGrid")
            .WithSummary("Import a grid version (admins): JSON, or CSV with one row per option and version/title in the query")
            .WithDescription("Query for CSV: version, title, demonstration (true|false), notApplicable (excluded|zero). The imported version becomes the one in force.")
            .Accepts<MaturityGrid>("application/json", "text/csv")
            .Produces<MaturityGridInfo>(201).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(415);
        api.MapGet("/establishments/{finess}/maturity", Establishment).WithName("getEstablishmentMaturity")
            .WithSummary("An establishment's maturity: the grid in force, the latest submitted version, every version (history) and the draft")
            .WithDescription("format=csv | csv-fr exports the submitted versions, one row per version with the overall and per-theme scores.")
            .Produces<EstablishmentMaturity>(200).Produces<string>(200, "text/csv").ProducesProblem(400).ProducesProblem(401).ProducesProblem(404);
        api.MapPut("/establishments/{finess}/maturity", Answer).WithName("putEstablishmentMaturity")
            .WithSummary("Save the establishment's answers: a draft (submit false, 200) or a new submitted version, scored at once (submit true, 201)")
            .WithDescription("Bed managers of the establishment, coordinators of its sector, supervisors of its region, admins.")
            .AcceptsJson<MaturityAnswersInput>(new { gridVersion = "demo-2026.1", answers = new Dictionary<string, string?> { ["BM1"] = "partiel" }, submit = false })
            .Produces<DraftSaved>(200).Produces<MaturitySubmission>(201)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(415);
        api.MapGet("/establishments/{finess}/maturity/tension", Tension).WithName("getEstablishmentMaturityTension")
            .WithSummary("The establishment's tension week by week, to set beside its maturity: days at each level, BJML shortfall days, nuits brancard, bed-blocker peak, freshness")
            .WithDescription("Query: weeks (1 to 160, default 104): how many ISO weeks up to the current one.")
            .Produces<IReadOnlyList<TensionWeek>>(200).ProducesProblem(400).ProducesProblem(401).ProducesProblem(404);
        api.MapGet("/{kind}/{id}/maturity", Scope).WithName("getScopeMaturity")
            .WithSummary("Maturity of a region, sector or département: distribution and means by sector and département, establishments not answered or not updated for over a year, maturity beside tension")
            .WithDescription("format=csv | csv-fr exports one row per establishment with an emergency department.")
            .Produces<ScopeMaturity>(200).Produces<string>(200, "text/csv").ProducesProblem(400).ProducesProblem(401).ProducesProblem(404);
        api.MapGet("/nation/maturity", Nation).WithName("getNationMaturity")
            .WithSummary("Maturity of the whole territory: distribution and means by region, sector and département, establishments not answered or not updated for over a year")
            .WithDescription("format=csv | csv-fr exports one row per establishment with an emergency department.")
            .Produces<ScopeMaturity>(200).Produces<string>(200, "text/csv").ProducesProblem(400).ProducesProblem(401);
        return api.MapAccompanimentEndpoints();
    }

    private static async Task<IResult> Grids(MaturityStore store, HttpContext http) => Results.Json(await store.GridsAsync(http.RequestAborted), MaturityStore.Json);

    private static async Task<IResult> Grid(string version, MaturityStore store, HttpContext http) =>
        await store.GridAsync(version, http.RequestAborted) is { } grid
            ? Results.Json(grid, MaturityStore.Json)
            : Problems.NotFound($"Grille « {Short(version)} » inconnue.");

    private static async Task<IResult> Import(HttpContext http, MaturityStore store, WriteGuard guard, TerritoryCatalogHolder territory, TimeProvider clock)
    {
        var regions = territory.Current.Document.Regions;
        if (regions.Count == 0) return Problems.NotFound("Aucun territoire chargé.");
        // A grid applies to every establishment of the territory: whoever imports it must hold every region
        // (an admin on a national territory; the region's supervisors on a one-region deployment).
        foreach (var region in regions)
            if (guard.Authorize(http, WriteKind.ReferenceData, new ScopeRef(ScopeKind.Region, region.Id)) is { } forbidden) return forbidden;
        var scope = new ScopeRef(ScopeKind.Region, regions[0].Id);

        var errors = new FieldErrors();
        MaturityGrid? grid;
        var type = http.Request.ContentType ?? "";
        if (type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) || type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            string text;
            try
            {
                using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
                text = await reader.ReadToEndAsync(http.RequestAborted);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Problems.TooLarge(1024 * 1024);
            }
            var q = http.Request.Query;
            var demo = q["demonstration"].ToString();
            if (demo is not ("" or "true" or "false")) errors.Add("demonstration", "demonstration vaut true ou false.");
            grid = MaturityGridReader.FromCsv(text, q["version"].FirstOrDefault(), q["title"].FirstOrDefault(), demo == "true", q["notApplicable"].FirstOrDefault(), errors);
        }
        else
        {
            var (body, error) = await JsonBody.ReadAsync(http.Request);
            if (error is not null) return error;
            using var _ = body;
            grid = MaturityGridReader.FromJson(body!.Root, errors);
        }
        if (grid is null || !errors.IsEmpty) return Problems.Invalid(errors);

        var caller = http.User.ToCaller();
        if (!await store.ImportGridAsync(grid, clock.GetUtcNow(), caller.Subject, http.RequestAborted))
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Version déjà importée",
                detail: $"La version « {grid.Version} » de la grille existe déjà ; une version ne change jamais : importez-la sous un autre numéro.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["version"] = ["Version déjà importée."] } });
        await guard.RecordAsync(http, "maturity.grid.import", scope, null, new { grid.Version, grid.Title, grid.Demonstration, questions = grid.Questions.Count });
        var info = (await store.GridsAsync(http.RequestAborted)).First(g => g.Version == grid.Version);
        return Results.Json(info, MaturityStore.Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Establishment(string finess, string? format, HttpContext http, TerritoryCatalogHolder territory,
        MaturityStore store, MaturityService service)
    {
        if (ScopeLookup.Find(territory, ScopeKind.Establishment, finess, out _) is { } notFound) return notFound;
        if (MaturityExport.Check(format) is { } bad) return bad;
        var info = territory.Current.Establishment(finess)!;
        var ct = http.RequestAborted;
        var grid = await store.GridAsync(null, ct);
        var submissions = await store.SubmissionsAsync(finess, ct);
        var draft = await store.DraftAsync(finess, ct);
        if (format is "csv" or "csv-fr") return MaturityExport.Establishment(info, submissions, format == "csv-fr");

        var latest = submissions.Count > 0 ? submissions[^1] : null;
        // The form starts from the draft, else from the latest submission, keeping only what fits the grid in force.
        IReadOnlyDictionary<string, string> form = grid is null ? new Dictionary<string, string>()
            : draft is not null && draft.GridVersion == grid.Version ? draft.Answers
            : MaturityScoring.CarryOver(grid, draft?.Answers ?? latest?.Answers ?? new Dictionary<string, string>());
        var (computable, reason) = await service.BjmlAsync(finess);
        return Results.Json(new EstablishmentMaturity(finess, info.Name, info.DepartmentCode, info.EmergencyDepartment, grid, latest,
            submissions.Select(SubmissionLine.Of).ToList(), draft, form, new BjmlState(computable, reason)), MaturityStore.Json);
    }

    private static async Task<IResult> Answer(string finess, HttpContext http, TerritoryCatalogHolder territory, MaturityStore store,
        MaturityService service, WriteGuard guard)
    {
        var notFound = ScopeLookup.Find(territory, ScopeKind.Establishment, finess, out var scope);
        // Whoever may write the establishment's figures answers its questionnaire (bed managers of it, coordinators of its sector, supervisors, admins).
        var (body, error) = await guard.BeginAsync(http, WriteKind.EstablishmentFigures, notFound, scope);
        if (error is not null) return error;
        using var _ = body;
        var errors = new FieldErrors();
        body!.RejectUnknown(MaturityAnswersInput.FieldNames, errors);
        var version = body.String("gridVersion", errors, 40, required: true);
        var submit = false;
        if (body.Root.TryGetProperty("submit", out var s))
        {
            if (s.ValueKind is JsonValueKind.True or JsonValueKind.False) submit = s.GetBoolean();
            else if (s.ValueKind != JsonValueKind.Null) errors.Add("submit", "submit vaut true (soumettre une version) ou false (brouillon).");
        }
        var grid = await store.GridAsync(null, http.RequestAborted);
        if (grid is null)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Aucune grille",
                detail: "Aucune grille de maturité n'a été importée : un administrateur doit en importer une (POST /api/maturity/grids).");
        var answersElement = body.Root.TryGetProperty("answers", out var a) ? a : default;
        if (answersElement.ValueKind == JsonValueKind.Undefined) errors.Add("answers", "answers est obligatoire : un objet {question: option}.");
        var answers = answersElement.ValueKind == JsonValueKind.Undefined ? null
            : MaturityAnswerValidator.Read(answersElement, errors.Has("gridVersion") ? grid.Version : version, grid, errors);
        if (answers is null || !errors.IsEmpty) return Problems.Invalid(errors);

        var caller = http.User.ToCaller();
        if (!submit)
        {
            var draft = new MaturityDraft(finess, grid.Version, answers.Answers, service.Now, caller.Subject);
            await store.SaveDraftAsync(draft, http.RequestAborted);
            return Results.Json(new DraftSaved(draft), MaturityStore.Json);
        }
        var submission = await service.SubmitAsync(finess, grid, answers, caller.Subject, http.RequestAborted);
        await guard.RecordAsync(http, "maturity.submit", scope, null,
            new { submission.Id, submission.GridVersion, submission.Score.Percent, answers = submission.Answers.Count });
        return Results.Json(submission, MaturityStore.Json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> Tension(string finess, string? weeks, HttpContext http, TerritoryCatalogHolder territory, MaturityTensionLoader loader)
    {
        if (ScopeLookup.Find(territory, ScopeKind.Establishment, finess, out _) is { } notFound) return notFound;
        var count = 104;
        if (!string.IsNullOrEmpty(weeks) && (!int.TryParse(weeks, out count) || count < 1 || count > MaturityTensionLoader.MaxWeeks))
            return Problems.Invalid("weeks", $"weeks est un nombre de semaines de 1 à {MaturityTensionLoader.MaxWeeks}.");
        return Results.Json(await loader.RecentAsync(finess, count, http.RequestAborted), MaturityStore.Json);
    }

    private static async Task<IResult> Scope(string kind, string id, string? format, HttpContext http, TerritoryCatalogHolder territory, MaturityRegionalView view)
    {
        if (ScopeRoute.Find(territory, kind, id, out var scope) is { } notFound) return notFound;
        if (MaturityExport.Check(format) is { } bad) return bad;
        var answer = await view.BuildAsync(scope, http.RequestAborted);
        return format is "csv" or "csv-fr" ? MaturityExport.Scope(answer, format == "csv-fr") : Results.Json(answer, MaturityStore.Json);
    }

    private static async Task<IResult> Nation(string? format, HttpContext http, MaturityRegionalView view)
    {
        if (MaturityExport.Check(format) is { } bad) return bad;
        var answer = await view.BuildAsync(new ScopeRef(ScopeKind.Nation, NationalSummary.Id), http.RequestAborted);
        return format is "csv" or "csv-fr" ? MaturityExport.Scope(answer, format == "csv-fr") : Results.Json(answer, MaturityStore.Json);
    }

    internal static string Short(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
