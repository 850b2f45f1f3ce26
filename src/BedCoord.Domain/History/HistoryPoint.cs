namespace BedCoord.Domain.History;

/// <summary>One point of a history answer (api-v1 § History and replay).</summary>
public sealed record HistoryPoint(
    DateTimeOffset At,
    int Open,
    int Occupied,
    int Available,
    int AvailableMin,
    int AvailableMax,
    double? OccupancyRate,
    int? EdWaitingForBed,
    int? BedBlockers,
    double? BjmlCoverage,
    double? StaleShare,
    int? Level,
    int? ComputedLevel,
    int? DeclaredLevel,
    int AvailablePostEd);
