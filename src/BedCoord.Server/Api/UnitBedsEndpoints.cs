using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Mobilisable;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Server.OpenApi;
using BedCoord.Server.Auth;

namespace BedCoord.Server.Api;

/// <summary>PUT a unit's bed state (api-v1 "Writing"): validated, authorised, durable, audited.</summary>
public static class UnitBedsEndpoints
{
    private static readonly string[] Derived = ["open", "available", "occupancyRate", "mobilisable"];
    private static readonly string[] Allowed = [.. BedInput.FieldNames, .. MobilisableInput.FieldNames];

    public static RouteGroupBuilder MapUnitBedsEndpoints(this RouteGroupBuilder api)
    {
        api.MapPut("/establishments/{finess}/units/{unitId}/beds", PutBeds).WithName("setUnitBeds").WithTags("Beds")
            .WithSummary("Replace a unit's bed state; optional If-Match with the unit's version: answers the unit's summary and its new ETag")
            .AcceptsJson<UnitBedsBody>(new { installed = 30, closed = 2, surge = 1, occupied = 25, reserved = 1, expectedDischarges = 4 })
            .WithETag(ifMatch: true)
            .WithDescription("Six required counts; optional mobilisable capacity: reopenable (≤ closed), surgeWithoutStaff, surgeWithStaff (0..5000, omitted = 0), each with an optional delay *WithinHours = 24 or 72.")
            .Produces<BedCoord.Domain.Summaries.Summary>().Refuses(400, 403, 404);
        return api;
    }

    private static async Task<IResult> PutBeds(string finess, string unitId, HttpContext http,
        TerritoryCatalogHolder territory, IGrainFactory grains, WriteGuard guard)
    {
        var (body, error) = await guard.BeginAsync(http, WriteKind.EstablishmentFigures,
            ScopeLookup.FindUnit(territory, finess, unitId, out var unit), unit);
        if (error is not null) return error;
        using var _ = body;
        if (!ETags.TryParseIfMatch(http.Request.Headers.IfMatch, out var expected))
            return Problems.Invalid("If-Match", "L'en-tête If-Match doit contenir la version du service entre guillemets, par exemple \"7\".");

        var errors = new FieldErrors();
        body!.RejectUnknown(Allowed, errors, name => Derived.Contains(name)
            ? $"Le champ {name} est calculé par le serveur et ne doit pas être envoyé."
            : null);
        var input = new BedInput(body.Int("installed", errors), body.Int("closed", errors), body.Int("surge", errors),
            body.Int("occupied", errors), body.Int("reserved", errors), body.Int("expectedDischarges", errors),
            new MobilisableInput(
                body.Int("reopenable", errors, required: false), body.Int("reopenableWithinHours", errors, required: false),
                body.Int("surgeWithoutStaff", errors, required: false), body.Int("surgeWithoutStaffWithinHours", errors, required: false),
                body.Int("surgeWithStaff", errors, required: false), body.Int("surgeWithStaffWithinHours", errors, required: false)));
        var figures = errors.IsEmpty ? input.Validate(errors) : null;
        if (figures is null) return Problems.Invalid(errors);

        var result = await grains.Unit(finess, unitId).UpdateBeds(figures, expected, http.User.SubjectName());
        switch (result.Outcome)
        {
            case BedWriteOutcome.UnknownUnit:
                return Problems.NotFound($"Service « {unitId} » inconnu dans l'établissement {finess}.");
            case BedWriteOutcome.VersionConflict:
                http.Response.Headers.ETag = ETags.Format(result.CurrentVersion);
                return Problems.Conflict(result.CurrentVersion);
        }
        await guard.RecordAsync(http, "unit.beds", unit, result.Before, figures);
        http.Response.Headers.ETag = ETags.Format(result.CurrentVersion);
        return Results.Ok(result.Unit);
    }
}
