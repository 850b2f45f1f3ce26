using BedCoord.Domain.History;

namespace BedCoord.Server.History;

/// <summary>A history answer (api-v1 § History and replay), typed so the OpenAPI contract carries its schema.</summary>
public sealed record HistoryAnswer(string Kind, string Id, DateTimeOffset From, DateTimeOffset To, string Step, IReadOnlyList<HistoryAnswerPoint> Points);

/// <summary>One bucket of a history answer; the JSON field names are api-v1's.</summary>
public sealed record HistoryAnswerPoint(
    DateTimeOffset At, int Open, int Occupied, int Available, int AvailableMin, int AvailableMax, double? OccupancyRate,
    int? EdWaitingForBed, int? BedBlockers, double? BjmlCoverage, double? StaleShare, int? Level, int? ComputedLevel, int? DeclaredLevel)
{
    public static HistoryAnswerPoint Of(HistoryPoint p) => new(p.At, p.Open, p.Occupied, p.Available, p.AvailableMin, p.AvailableMax,
        p.OccupancyRate, p.EdWaitingForBed, p.BedBlockers, p.BjmlCoverage, p.StaleShare, p.Level, p.ComputedLevel, p.DeclaredLevel);
}

/// <summary>The query parameters of a history call, as the OpenAPI contract states them.</summary>
public readonly record struct HistoryQuery(
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "from"), System.ComponentModel.Description("Start of the range, ISO 8601 with an offset or Z (default: to − 24 h)")] string? From,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "to"), System.ComponentModel.Description("End of the range, ISO 8601 with an offset or Z (default: now)")] string? To,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "step"), System.ComponentModel.Description("1m, 1h or 1d (default: chosen from the range)")] string? Step,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "format"), System.ComponentModel.Description("json (default), csv, csv-fr (French Excel) or xlsx")] string? Format);
