using System.Globalization;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.Alerts;
using BedCoord.Server.OpenApi;

namespace BedCoord.Server.Api;

/// <summary>GET /api/alerts: level changes of a scope's subtree, newest first.</summary>
public static class AlertEndpoints
{
    public static RouteGroupBuilder MapAlertEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts", List).WithName("listAlerts").WithTags("Tension")
            .WithSummary("Alerts of a scope and everything under it, newest first; `until` bounds them for a replay")
            .WithParameters(
                Param.Time("since", "Only alerts raised at or after this instant"),
                Param.Time("until", "Only alerts raised at or before this instant (the board's replay)"),
                Param.Scope("scope", "The scope whose subtree's alerts are listed (default: every scope)"),
                Param.Int("limit", "At most this many alerts", 1, 1000, 200))
            .Produces<IReadOnlyList<BedCoord.Domain.Tension.Alert>>().Refuses(400);
        return api;
    }

    private static async Task<IResult> List(string? since, string? until, string? scope, string? limit, TerritoryCatalogHolder territory, AlertStore alerts)
    {
        var errors = new FieldErrors();
        var from = Time("since", since, errors);
        var to = Time("until", until, errors);
        string? path = null;
        if (!string.IsNullOrEmpty(scope))
        {
            if (!ScopeRef.TryParse(scope, out var s) || !territory.Current.Contains(s))
                errors.Add("scope", "scope doit désigner un périmètre connu, par exemple region:OCC ou department:31.");
            else path = AlertStore.PathOf(s, territory.Current);
        }
        var max = 200;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > 1000))
            errors.Add("limit", "limit doit être un entier entre 1 et 1000.");
        if (errors.IsEmpty && from > to) errors.Add("until", "until doit suivre since.");
        if (!errors.IsEmpty) return Problems.Invalid(errors);
        return Results.Ok(await alerts.ListAsync(path, from, max, to));
    }

    private static DateTimeOffset? Time(string name, string? text, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t;
        errors.Add(name, $"{name} doit être une date ISO 8601, par exemple 2026-01-15T08:00:00Z.");
        return null;
    }
}
