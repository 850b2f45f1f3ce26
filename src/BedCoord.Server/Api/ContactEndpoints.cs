using System.Text.Json;
using System.Text.RegularExpressions;
using BedCoord.Domain.Access;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Contacts;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Server.OpenApi;
using BedCoord.Server.Auth;

namespace BedCoord.Server.Api;

/// <summary>
/// An establishment's contacts: PUT …/contact sets a single line (as before), PUT …/contacts the whole roster with
/// the hours each covers, GET …/contacts the roster in call order at an instant. Shown by search and the board.
/// </summary>
public static partial class ContactEndpoints
{
    [GeneratedRegex(@"^[0-9+() .\-]{0,30}$")]
    private static partial Regex PhonePattern();

    public static RouteGroupBuilder MapContactEndpoints(this RouteGroupBuilder api)
    {
        api.MapPut("/establishments/{finess}/contact", PutContact).WithName("setContact").WithTags("Beds")
            .WithSummary("Set who to call about beds in an establishment (shown by search and the board)")
            .AcceptsJson<ContactBody>(new { bedManager = "Cadre de garde", phone = "05 61 00 00 00", hours = "24 h/24" })
            .Produces<Summary>().Refuses(400, 403, 404);
        api.MapPut("/establishments/{finess}/contacts", PutContacts)
            .WithName("setEstablishmentContacts").WithTags("Beds")
            .WithSummary("Set every contact of an establishment with the hours each covers (Europe/Paris; overnight when to ≤ from)")
            .AcceptsJson<Contact[]>(new object[] { new { role = "Bed manager de jour", bedManager = "Mme Exemple (fictif)", phone = "05 61 00 00 00", hours = "8 h - 18 h", from = "08:00", to = "18:00", days = new[] { 1, 2, 3, 4, 5 } }, new { role = "Administrateur de garde", bedManager = "Administrateur de garde", phone = "05 61 00 00 01", hours = "24 h/24", from = "00:00", to = "00:00" } })
            .Produces<Summary>(200).ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(415);
        api.MapGet("/establishments/{finess}/contacts", GetContacts)
            .WithName("getEstablishmentContacts").WithTags("Beds")
            .WithSummary("The contacts in call order at an instant (default now): those on duty first, each flagged onDuty")
            .Produces<ContactsAnswer>(200).ProducesProblem(400).ProducesProblem(401).ProducesProblem(404);
        return api;
    }

    /// <summary>The roster at an instant: the one to call, then everyone in call order.</summary>
    public sealed record ContactsAnswer(DateTimeOffset At, Contact? OnDuty, IReadOnlyList<ContactOnDutyAt> Contacts);

    public sealed record ContactOnDutyAt(string? Role, string? BedManager, string? Phone, string? Hours, string? From, string? To,
        IReadOnlyList<int>? Days, bool OnDuty);

    private static async Task<IResult> GetContacts(string finess, HttpRequest request, TerritoryCatalogHolder territory,
        IGrainFactory grains, TimeProvider clock)
    {
        if (ScopeLookup.Find(territory, ScopeKind.Establishment, finess, out var scope) is { } notFound) return notFound;
        var at = clock.GetUtcNow();
        if (request.Query.TryGetValue("at", out var text)
            && !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out at))
            return Problems.Invalid("at", "at est une date et heure ISO 8601 avec son décalage, par exemple 2026-12-07T23:00:00+01:00.");
        var summary = await grains.Aggregate(scope).GetSummary(false);
        var all = summary.Contacts ?? (summary.Contact is { } c ? [c] : []);
        var ordered = ContactRoster.InCallOrder(all, at);
        return Results.Ok(new ContactsAnswer(at, ContactRoster.OnDuty(all, at), ordered.Select(c =>
            new ContactOnDutyAt(c.Role, c.BedManager, c.Phone, c.Hours, c.From, c.To, c.Days, ContactRoster.IsOnDuty(c, at))).ToList()));
    }

    private static async Task<IResult> PutContacts(string finess, HttpContext http, TerritoryCatalogHolder territory,
        IGrainFactory grains, WriteGuard guard)
    {
        if (ScopeLookup.Find(territory, ScopeKind.Establishment, finess, out var scope) is { } notFound) return notFound;
        if (guard.Authorize(http, WriteKind.EstablishmentFigures, scope) is { } forbidden) return forbidden;
        var (body, error) = await JsonBody.ReadAsync(http.Request, JsonValueKind.Array);
        if (error is not null) return error;
        using var _ = body;
        var errors = new FieldErrors();
        var contacts = new List<Contact>();
        if (body!.Root.GetArrayLength() > ContactInput.MaxContacts)
            errors.Add("$", $"Au plus {ContactInput.MaxContacts} contacts par établissement.");
        var i = 0;
        foreach (var item in body.Root.EnumerateArray().Take(ContactInput.MaxContacts))
        {
            var prefix = $"[{i++}].";
            if (item.ValueKind != JsonValueKind.Object) { errors.Add(prefix.TrimEnd('.'), "Chaque contact est un objet JSON."); continue; }
            if (ReadContact(item, prefix, errors) is { } contact) contacts.Add(contact);
        }
        if (!errors.IsEmpty) return Problems.Invalid(errors);

        var result = await grains.GetGrain<IEstablishmentGrain>(finess).SetContacts(contacts, http.User.SubjectName());
        await guard.RecordAsync(http, "establishment.contacts", scope, result.Before, contacts);
        return Results.Ok(result.Establishment);
    }

    private static Contact? ReadContact(JsonElement item, string prefix, FieldErrors errors)
    {
        var before = errors.ToDictionary().Count;
        foreach (var p in item.EnumerateObject())
            if (!ContactInput.FieldNames.Contains(p.Name))
                errors.Add(prefix + p.Name, $"Champ inconnu (attendus : {string.Join(", ", ContactInput.FieldNames)}).");
        string? Text(string name, int max)
        {
            if (!item.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind != JsonValueKind.String) { errors.Add(prefix + name, $"Le champ {name} doit être une chaîne."); return null; }
            var s = v.GetString()!.Trim();
            if (s.Length > max) { errors.Add(prefix + name, $"Le champ {name} ne doit pas dépasser {max} caractères."); return null; }
            return s.Length == 0 ? null : s;
        }
        List<int>? days = null;
        if (item.TryGetProperty("days", out var d) && d.ValueKind != JsonValueKind.Null)
        {
            if (d.ValueKind == JsonValueKind.Array && d.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Number && x.TryGetInt32(out _)))
                days = d.EnumerateArray().Select(x => x.GetInt32()).ToList();
            else errors.Add(prefix + "days", "Le champ days est un tableau de jours ISO (1 = lundi … 7 = dimanche).");
        }
        var input = new ContactInput(Text("role", 100), Text("bedManager", 100), Text("phone", 30), Text("hours", 100), Text("from", 5), Text("to", 5), days);
        return errors.ToDictionary().Count == before ? input.Validate(prefix, errors) : null;
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
