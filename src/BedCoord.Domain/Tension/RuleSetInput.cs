namespace BedCoord.Domain.Tension;

/// <summary>
/// The JSON body of PUT thresholds as received: everything nullable and staleAfter as text, so that each
/// mistake is reported by its JSON path instead of failing deserialization as a whole.
/// </summary>
public sealed record RuleSetInput(string? StaleAfter, IReadOnlyList<RuleInput?>? Rules);

public sealed record RuleInput(string? Indicator, string? Direction, IReadOnlyList<double?>? Thresholds, double? Hysteresis);
