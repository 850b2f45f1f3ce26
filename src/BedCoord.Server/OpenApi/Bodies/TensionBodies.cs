using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using BedCoord.Domain.Tension;

namespace BedCoord.Server.OpenApi;

/// <summary>POST …/declarations: a declared level with its reason and expiry.</summary>
public sealed record DeclarationBody(
    [property: Required, RegularExpression("^(normal|tension|tension-forte|crise|[0-3])$"), Description("normal, tension, tension-forte or crise (or its number 0-3; a JSON number is accepted too)")] string Level,
    [property: Required, MaxLength(DeclarationRules.MaxReasonLength), Description("Why (shown on the board)")] string Reason,
    [property: Description("null (until lifted), \"1h\", \"3h\", \"6h\" or an ISO 8601 instant at most 30 days ahead")] string? ExpiresAt = null);

/// <summary>PUT …/thresholds: a scope's own rule set.</summary>
public sealed record RuleSetBody(
    [property: Required, MaxLength(RuleSet.MaxRules), Description("The rules of the computed level; an empty list is allowed, one rule per indicator")] IReadOnlyList<RuleBody> Rules,
    [property: RegularExpression(@"^([0-9]+\.)?[0-9]{2}:[0-9]{2}:[0-9]{2}$"), Description("After how long without an update a unit is stale, 00:05:00 to 7.00:00:00 (default 12:00:00)")] string? StaleAfter = null);

/// <summary>One rule: the thresholds of levels 1, 2 and 3 for an indicator.</summary>
public sealed record RuleBody(
    [property: Required, Description("occupancyRate[:GROUP], available[:CATEGORY], bjmlCoverage, edWaitingForBed, ... (domain.md §6)")] string Indicator,
    [property: Required, RegularExpression("^(above|below)$"), Description("above: a level is reached at or above its threshold; below: at or below")] string Direction,
    [property: Required, MinLength(3), MaxLength(3), Description("Thresholds of tension, tension forte and crise, monotone in the direction")] IReadOnlyList<double> Thresholds,
    [property: Required, Range(0.0, double.MaxValue), Description("How far the value must clear a threshold before its level is left")] double Hysteresis);
