using System.Text.Json.Serialization;
using BedCoord.Domain.Mobilisable;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Search;

/// <summary>
/// One establishment with beds of the searched category (api-v1 "Finding a bed"). With includeMobilisable,
/// its mobilisable beds of the category come in their own field, never added to <see cref="Available"/>.
/// </summary>
public sealed record SearchResult(
    string EstablishmentId, string Name, string DepartmentCode, string Category, int Available, int Level,
    double? DistanceKm, DateTimeOffset UpdatedAt, bool Stale, Contact? Contact,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MobilisableFigures? Mobilisable = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Contact>? Contacts = null);

/// <summary>Ranks establishments for a physician looking for a bed: fresh first, then nearest or most available.</summary>
public static class BedSearch
{
    /// <summary>Whether the establishment has beds of the category left: only those are results.</summary>
    public static bool HasBeds(Summary establishment, string category) =>
        establishment.Categories.TryGetValue(category, out var figures) && figures.Available > 0;

    /// <summary>Whether it has beds of the category left, or (when asked) beds of it that could be opened.</summary>
    public static bool HasBeds(Summary establishment, string category, bool includeMobilisable) =>
        HasBeds(establishment, category)
        || (includeMobilisable && establishment.Categories.TryGetValue(category, out var figures) && figures.Mobilisable.Total > 0);

    /// <summary>
    /// How fresh an establishment's figure for one category is, from its units of that category (the summary's
    /// children): as old as its oldest unit, and stale when any of them is, since the available count sums them
    /// all. A stale REA unit says nothing about the SMR beds next door. Without children, the establishment's own.
    /// </summary>
    public static (DateTimeOffset UpdatedAt, bool Stale) FreshnessOf(Summary establishment, string category)
    {
        var units = establishment.Children?.Where(u => u.Category == category).ToList();
        if (units is null || units.Count == 0) return (establishment.UpdatedAt, establishment.Freshness.StaleUnits > 0);
        return (units.Min(u => u.UpdatedAt), units.Any(u => u.Stale == true));
    }

    public static IReadOnlyList<SearchResult> Rank(string category, IEnumerable<(EstablishmentInfo Info, Summary Summary)> candidates,
        (double Lat, double Lon)? near, int limit, bool includeMobilisable = false)
    {
        var results = new List<SearchResult>();
        foreach (var (info, summary) in candidates)
        {
            if (!HasBeds(summary, category, includeMobilisable)) continue;
            var figures = summary.Categories[category];
            double? distance = near is { } n && info.Latitude is { } lat && info.Longitude is { } lon
                ? Math.Round(Geo.DistanceKm(n.Lat, n.Lon, lat, lon), 1)
                : null;
            var (updatedAt, stale) = FreshnessOf(summary, category);
            results.Add(new SearchResult(info.Id, info.Name, info.DepartmentCode, category, figures.Available, summary.Level,
                distance, updatedAt, stale, summary.Contact, includeMobilisable ? figures.Mobilisable : null, summary.Contacts));
        }
        // Beds free now come before beds that could be opened, whatever the distance: the two are never mixed.
        var fresh = results.OrderBy(r => r.Available > 0 ? 0 : 1).ThenBy(r => r.Stale);
        var ordered = near is null
            ? fresh.ThenByDescending(r => r.Available)
            : fresh.ThenBy(r => r.DistanceKm ?? double.MaxValue).ThenByDescending(r => r.Available);
        return ordered.ThenBy(r => r.EstablishmentId, StringComparer.Ordinal).Take(limit).ToList();
    }
}
