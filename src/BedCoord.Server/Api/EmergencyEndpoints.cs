using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Server.OpenApi;
using BedCoord.Server.Auth;

namespace BedCoord.Server.Api;

/// <summary>PUT an establishment's emergency figures (patients waiting for a bed, bed blockers).</summary>
public static class EmergencyEndpoints
{
    public static RouteGroupBuilder MapEmergencyEndpoints(this RouteGroupBuilder api)
    {
        api.MapPut("/establishments/{finess}/emergency", PutEmergency).WithName("setEmergency").WithTags("Beds")
            .WithSummary("Set edWaitingForBed and bedBlockers of an establishment: answers its summary")
            .AcceptsJson<EmergencyBody>(new { edWaitingForBed = 7, bedBlockers = 3 })
            .Produces<BedCoord.Domain.Summaries.Summary>().Refuses(400, 403, 404);
        return api;
    }

    private static async Task<IResult> PutEmergency(string finess, HttpContext http, TerritoryCatalogHolder territory,
        IGrainFactory grains, WriteGuard guard)
    {
        var (body, error) = await guard.BeginAsync(http, WriteKind.EstablishmentFigures,
            ScopeLookup.Find(territory, ScopeKind.Establishment, finess, out var scope), scope);
        if (error is not null) return error;
        using var _ = body;
        var errors = new FieldErrors();
        body!.RejectUnknown(EmergencyInput.FieldNames, errors);
        var input = new EmergencyInput(body.Int("edWaitingForBed", errors), body.Int("bedBlockers", errors));
        var figures = errors.IsEmpty ? input.Validate(errors) : null;
        if (figures is null) return Problems.Invalid(errors);

        var result = await grains.GetGrain<IEstablishmentGrain>(finess).SetEmergency(figures, http.User.SubjectName());
        await guard.RecordAsync(http, "establishment.emergency", scope, result.Before, figures);
        return Results.Ok(result.Establishment);
    }
}
