using System.Globalization;
using System.Text;
using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Bjml;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Server.OpenApi;

namespace BedCoord.Server.Api;

/// <summary>The BJML's inputs (daily post-emergency admissions, RPU quality) and its value for a week.</summary>
public static class BjmlEndpoints
{
    public static RouteGroupBuilder MapBjmlEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/establishments/{finess}/ed-admissions", Import).WithName("importEdAdmissions").WithTags("BJML")
            .WithSummary("Import daily post-emergency hospitalisations: text/csv \"date,count\" or JSON [{date,count}]; a date already present is replaced")
            .AcceptsJson<IReadOnlyList<EdAdmissionsRow>>(new[] { new { date = "2026-12-01", count = 42 }, new { date = "2026-12-02", count = 38 } })
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The same rows as CSV, the form spreadsheets export.
                operation.RequestBody?.Content?.TryAdd("text/csv", new Microsoft.OpenApi.OpenApiMediaType
                {
                    Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String },
                    Example = System.Text.Json.Nodes.JsonValue.Create("date,count\n2026-12-01,42\n2026-12-02,38\n"),
                });
                return Task.CompletedTask;
            })
            .Produces<ImportedAnswer>().Refuses(400, 403, 404);
        api.MapPut("/establishments/{finess}/rpu-quality", PutQuality).WithName("setRpuQuality").WithTags("BJML")
            .WithSummary("Flag whether the establishment's emergency records (RPU) are complete enough for its BJML")
            .AcceptsJson<RpuQualityBody>(new { sufficient = false, note = "Codage incomplet depuis la migration du logiciel" })
            .Produces<BedCoord.Domain.Bjml.RpuQuality>().Refuses(400, 403, 404);
        api.MapGet("/establishments/{finess}/bjml", Get).WithName("getBjml").WithTags("BJML")
            .WithSummary("The BJML (beds needed per day for post-emergency admissions) for the ISO week of a date")
            .WithParameters(Param.Date("date", "A day of the week wanted (default: today)"))
            .Produces<BjmlResult>().Refuses(400, 404);
        return api;
    }

    private static async Task<IResult> Import(string finess, HttpContext http, TerritoryCatalogHolder territory, IGrainFactory grains,
        WriteGuard guard, TimeProvider clock)
    {
        if (ScopeLookup.Find(territory, ScopeKind.Establishment, finess, out var scope) is { } notFound) return notFound;
        if (guard.Authorize(http, WriteKind.ActivityData, scope) is { } forbidden) return forbidden;
        var contentType = http.Request.ContentType ?? "";
        var csv = contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase);
        if (!csv && !JsonBody.IsJson(contentType)) return Problems.UnsupportedMediaType("text/csv (en-tête date,count) ou application/json");
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
        var errors = new FieldErrors();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var counts = csv ? EdAdmissionsParser.ParseCsv(text, errors, today) : EdAdmissionsParser.ParseJson(text, errors, today);
        if (counts is { Count: 0 }) errors.Add("$", "Aucune ligne date,count dans le corps.");
        if (counts is null || !errors.IsEmpty) return Problems.Invalid(errors);

        var imported = await grains.GetGrain<IEdAdmissionsGrain>(finess).Import(counts);
        await guard.RecordAsync(http, "bjml.ed-admissions", scope, null,
            new { imported, first = counts.Min(c => c.Date), last = counts.Max(c => c.Date) });
        return Results.Ok(new ImportedAnswer(imported));
    }

    private static async Task<IResult> PutQuality(string finess, HttpContext http, TerritoryCatalogHolder territory, IGrainFactory grains, WriteGuard guard)
    {
        var (body, error) = await guard.BeginAsync(http, WriteKind.ActivityData,
            ScopeLookup.Find(territory, ScopeKind.Establishment, finess, out var scope), scope);
        if (error is not null) return error;
        using var _ = body;
        var errors = new FieldErrors();
        body!.RejectUnknown(["sufficient", "note"], errors);
        bool? sufficient = body.Root.TryGetProperty("sufficient", out var s) && s.ValueKind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
            ? s.GetBoolean() : null;
        var quality = new RpuQualityInput(sufficient, body.String("note", errors, RpuQuality.MaxNoteLength)).Validate(errors);
        if (quality is null || !errors.IsEmpty) return Problems.Invalid(errors);

        var grain = grains.GetGrain<IEdAdmissionsGrain>(finess);
        var before = await grain.GetQuality();
        await grain.SetQuality(quality);
        await guard.RecordAsync(http, "bjml.rpu-quality", scope, before, quality);
        return Results.Ok(quality);
    }

    private static async Task<IResult> Get(string finess, string? date, TerritoryCatalogHolder territory, IGrainFactory grains, TimeProvider clock)
    {
        if (ScopeLookup.Find(territory, ScopeKind.Establishment, finess, out _) is { } notFound) return notFound;
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (!string.IsNullOrEmpty(date) && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            return Problems.Invalid("date", "date doit être au format AAAA-MM-JJ.");
        return Results.Ok(await grains.GetGrain<IEdAdmissionsGrain>(finess).Compute(day));
    }
}
