using System.Globalization;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.Alerts;

namespace BedCoord.Server.Api;

/// <summary>GET /api/alerts: level changes of a scope's subtree, newest first.</summary>
public static class AlertEndpoints
{
    public static RouteGroupBuilder MapAlertEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts", List).WithSummary("Alerts of a scope and everything under it, newest first");
        return api;
    }

    private static async Task<IResult> List(string? since, string? scope, string? limit, TerritoryCatalogHolder territory, AlertStore alerts)
    {
        var errors = new FieldErrors();
        DateTimeOffset? from = null;
        if (!string.IsNullOrEmpty(since))
        {
            if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) from = t;
            else errors.Add("since", "since doit être une date ISO 8601, par exemple 2026-01-15T08:00:00Z.");
        }
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
        if (!errors.IsEmpty) return Problems.Invalid(errors);
        return Results.Ok(await alerts.ListAsync(path, from, max));
    }
}
