using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Search;

/// <summary>One establishment with beds of the searched category (api-v1 "Finding a bed").</summary>
public sealed record SearchResult(
    string EstablishmentId, string Name, string DepartmentCode, string Category, int Available, int Level,
    double? DistanceKm, DateTimeOffset UpdatedAt, bool Stale, Contact? Contact);

/// <summary>Ranks establishments for a physician looking for a bed: fresh first, then nearest or most available.</summary>
public static class BedSearch
{
    public static IReadOnlyList<SearchResult> Rank(string category, IEnumerable<(EstablishmentInfo Info, Summary Summary)> candidates,
        (double Lat, double Lon)? near, int limit)
    {
        var results = new List<SearchResult>();
        foreach (var (info, summary) in candidates)
        {
            if (!summary.Categories.TryGetValue(category, out var figures) || figures.Available <= 0) continue;
            double? distance = near is { } n && info.Latitude is { } lat && info.Longitude is { } lon
                ? Math.Round(Geo.DistanceKm(n.Lat, n.Lon, lat, lon), 1)
                : null;
            results.Add(new SearchResult(info.Id, info.Name, info.DepartmentCode, category, figures.Available, summary.Level,
                distance, summary.UpdatedAt, summary.Freshness.StaleUnits > 0, summary.Contact));
        }
        var fresh = results.OrderBy(r => r.Stale);
        var ordered = near is null
            ? fresh.ThenByDescending(r => r.Available)
            : fresh.ThenBy(r => r.DistanceKm ?? double.MaxValue).ThenByDescending(r => r.Available);
        return ordered.ThenBy(r => r.EstablishmentId, StringComparer.Ordinal).Take(limit).ToList();
    }
}
