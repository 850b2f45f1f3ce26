using System.Globalization;
using System.Text.Json;
using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Bjml;
using BedCoord.Domain.History;
using BedCoord.Domain.Maturity;
using BedCoord.Domain.Report;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.Maturity;
using BedCoord.Server.Api;
using BedCoord.Server.Auth;
using BedCoord.Server.OpenApi;

namespace BedCoord.Server.Maturity;

/// <summary>The body of POST …/maturity/accompaniments (documented for OpenAPI; read field by field).</summary>
public sealed record AccompanimentInput(string Module, string StartedOn, string? EndedOn, string? EvaluationOn, string? ImpactReviewOn, string? Note)
{
    public static readonly string[] FieldNames = ["module", "startedOn", "endedOn", "evaluationOn", "impactReviewOn", "note"];
}

/// <summary>The support programme's modules followed by an establishment and their impact (issue 13 item 4).</summary>
public static class AccompanimentEndpoints
{
    public const int DefaultWeeks = 4;

    public static RouteGroupBuilder MapAccompanimentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/maturity/programme", (AccompanimentCatalog catalog) => Results.Json(catalog.Programme, MaturityStore.Json))
            .WithName("getMaturityProgramme").WithSummary("The support programme: axes, modules and limits (modules at once, months)")
            .Produces<AccompanimentProgramme>(200).ProducesProblem(401);
        api.MapGet("/establishments/{finess}/maturity/accompaniments", List).WithName("listEstablishmentAccompaniments")
            .WithSummary("The programme modules the establishment followed, each with its impact: tension and maturity over the same number of weeks before its start and after its end")
            .WithDescription("Query: weeks (1 to 26, default 4).")
            .Produces<IReadOnlyList<AccompanimentImpact>>(200).ProducesProblem(400).ProducesProblem(401).ProducesProblem(404);
        api.MapPost("/establishments/{finess}/maturity/accompaniments", Add).WithName("addEstablishmentAccompaniment")
            .WithSummary("Record a module followed by the establishment (coordinators of its sector, supervisors of its region, admins)")
            .AcceptsJson<AccompanimentInput>(new { module = "M1", startedOn = "2026-03-02", endedOn = "2026-06-30", evaluationOn = "2026-07-15", impactReviewOn = (string?)null, note = "Module suivi par le bed manager" })
            .Produces<Accompaniment>(201).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(415);
        return api;
    }

    private static async Task<IResult> List(string finess, string? weeks, HttpContext http, TerritoryCatalogHolder territory, AccompanimentStore store,
        MaturityStore maturity, MaturityTensionLoader tension)
    {
        if (ScopeLookup.Find(territory, ScopeKind.Establishment, finess, out _) is { } notFound) return notFound;
        var n = DefaultWeeks;
        if (!string.IsNullOrEmpty(weeks) && (!int.TryParse(weeks, out n) || n is < 1 or > 26))
            return Problems.Invalid("weeks", "weeks est un nombre de semaines de 1 à 26.");
        var ct = http.RequestAborted;
        var records = await store.ListAsync(finess, ct);
        var submissions = await maturity.SubmissionsAsync(finess, ct);
        var result = new List<AccompanimentImpact>();
        foreach (var a in records)
        {
            var startWeek = IsoWeek.Of(a.StartedOn);
            var endWeek = IsoWeek.Of(a.EndedOn ?? a.StartedOn.AddMonths(6));
            var before = await tension.WeeksAsync(finess, ReportWeek.Shift(startWeek, -n), n, ct);
            var after = await tension.WeeksAsync(finess, ReportWeek.Shift(endWeek, 1), n, ct);
            result.Add(new AccompanimentImpact(a, n,
                ImpactWindow.Of(before, submissions, ReportWeek.Start(startWeek)),
                ImpactWindow.Of(after, submissions, ReportWeek.End(ReportWeek.Shift(endWeek, n)))));
        }
        return Results.Json(result, MaturityStore.Json);
    }

    private static async Task<IResult> Add(string finess, HttpContext http, TerritoryCatalogHolder territory, AccompanimentStore store,
        AccompanimentCatalog catalog, WriteGuard guard, TimeProvider clock)
    {
        var notFound = ScopeLookup.Find(territory, ScopeKind.Establishment, finess, out var scope);
        // The ORU and the territorial coordinators record the support they give; a bed manager does not.
        if (notFound is null && http.User.ToCaller().Role == Roles.BedManager)
            return Problems.Forbidden("Les accompagnements sont enregistrés par les coordonnateurs territoriaux et l'ORU.");
        var (body, error) = await guard.BeginAsync(http, WriteKind.EstablishmentFigures, notFound, scope);
        if (error is not null) return error;
        using var _ = body;
        var errors = new FieldErrors();
        body!.RejectUnknown(AccompanimentInput.FieldNames, errors);
        var module = body.String("module", errors, 20, required: true);
        var started = Date(body, "startedOn", errors, required: true);
        var record = new Accompaniment(0, finess, module ?? "", started ?? default, Date(body, "endedOn", errors), Date(body, "evaluationOn", errors),
            Date(body, "impactReviewOn", errors), body.String("note", errors, 2000), clock.GetUtcNow(), http.User.ToCaller().Subject);
        if (errors.IsEmpty) Accompaniment.Check(record, catalog.Programme, await store.ListAsync(finess, http.RequestAborted), errors);
        if (!errors.IsEmpty) return Problems.Invalid(errors);
        record = record with { Id = await store.AddAsync(record, http.RequestAborted) };
        await guard.RecordAsync(http, "maturity.accompaniment", scope, null, record);
        return Results.Json(record, MaturityStore.Json, statusCode: StatusCodes.Status201Created);
    }

    private static DateOnly? Date(JsonBody body, string name, FieldErrors errors, bool required = false)
    {
        var text = body.String(name, errors, 10, required);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        errors.Add(name, $"{name} est une date AAAA-MM-JJ.");
        return null;
    }
}

/// <summary>The support programme read from data/maturite-accompagnement-demonstration.json (or Maturity:Programme).</summary>
public sealed class AccompanimentCatalog
{
    public AccompanimentProgramme Programme { get; }

    public AccompanimentCatalog(IConfiguration configuration)
    {
        var path = configuration["Maturity:Programme"] ?? Path.Combine(AppContext.BaseDirectory, "data", "maturite-accompagnement-demonstration.json");
        Programme = JsonSerializer.Deserialize<AccompanimentProgramme>(File.ReadAllText(path), MaturityStore.Json)
                    ?? throw new InvalidDataException($"{path} is not a programme");
    }
}
