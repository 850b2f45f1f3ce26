using System.Text.RegularExpressions;
using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Server.Auth;

namespace BedCoord.Server.Api;

/// <summary>PUT an establishment's contact line (bed manager on duty, phone, hours), shown by search and the board.</summary>
public static partial class ContactEndpoints
{
    [GeneratedRegex(@"^[0-9+() .\-]{0,30}$")]
    private static partial Regex PhonePattern();

    public static RouteGroupBuilder MapContactEndpoints(this RouteGroupBuilder api)
    {
        api.MapPut("/establishments/{finess}/contact", PutContact).WithSummary("Set who to call about beds in an establishment");
        return api;
    }

    private static async Task<IResult> PutContact(string finess, HttpContext http, TerritoryCatalogHolder territory,
        IGrainFactory grains, WriteGuard guard)
    {
        var (body, error) = await guard.BeginAsync(http, WriteKind.EstablishmentFigures,
            ScopeLookup.Find(territory, ScopeKind.Establishment, finess, out var scope), scope);
        if (error is not null) return error;
        using var _ = body;
        var errors = new FieldErrors();
        body!.RejectUnknown(["bedManager", "phone", "hours"], errors);
        var contact = new Contact(body.String("bedManager", errors, 100), body.String("phone", errors, 30), body.String("hours", errors, 100));
        if (errors.IsEmpty && contact is { BedManager: null, Phone: null, Hours: null })
            errors.Add("bedManager", "Donnez au moins un des champs bedManager, phone ou hours.");
        if (contact.Phone is not null && !PhonePattern().IsMatch(contact.Phone))
            errors.Add("phone", "Le téléphone ne peut contenir que des chiffres, espaces, +, (, ), . et -.");
        if (!errors.IsEmpty) return Problems.Invalid(errors);

        var result = await grains.GetGrain<IEstablishmentGrain>(finess).SetContact(contact, http.User.SubjectName());
        await guard.RecordAsync(http, "establishment.contact", scope, result.Before, contact);
        return Results.Ok(result.Establishment);
    }
}
