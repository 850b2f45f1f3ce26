using System.Text.Json.Serialization;

namespace BedCoord.Domain.Tension;

/// <summary>
/// One rule of a rule set (domain.md §6): three thresholds for levels 1..3 of an indicator, and the
/// margin the value must clear before a level is left, so a value hovering at a threshold does not flap.
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.rule")]
public sealed record Rule(
    [property: Id(0)] string Indicator,
    [property: Id(1)] string Direction,
    [property: Id(2)] IReadOnlyList<double> Thresholds,
    [property: Id(3)] double Hysteresis)
{
    public const string Above = "above";
    public const string Below = "below";

    /// <summary>
    /// Figures are computed (93/100) while thresholds are typed (0.95 − 0.02); this tolerance keeps a value
    /// sitting exactly on a boundary on the side the rules say, whatever the last bit of the division.
    /// </summary>
    internal const double Tolerance = 1e-9;

    [JsonIgnore] public bool IsAbove => Direction == Above;

    /// <summary>Level k (1..3) is reached: above, value ≥ t_k; below, value ≤ t_k.</summary>
    public bool Reaches(double value, int level) =>
        IsAbove ? value >= Threshold(level) - Tolerance : value <= Threshold(level) + Tolerance;

    /// <summary>
    /// Level k (1..3) is still held: the value has not cleared t_k by the hysteresis. Clearing means strictly
    /// beyond (above: value &lt; t_k − h; below: value &gt; t_k + h), so a value exactly at t_k − h keeps the level.
    /// </summary>
    public bool Holds(double value, int level) =>
        IsAbove ? value >= Threshold(level) - Hysteresis - Tolerance : value <= Threshold(level) + Hysteresis + Tolerance;

    public double Threshold(int level) => Thresholds[level - 1];

    /// <summary>
    /// The rule's level for a value: the highest level reached, unless the previous level (or some level
    /// between) is still held, in which case that one; stepping up is immediate, stepping down may drop
    /// several levels at once.
    /// </summary>
    public int Level(double value, int? previous)
    {
        var reached = 0;
        for (var k = 1; k <= 3; k++)
            if (Reaches(value, k)) reached = k;
        var from = Math.Clamp(previous ?? 0, 0, 3);
        // Monotone thresholds make "held" monotone too: if level k is held, every lower level is.
        for (var k = from; k > reached; k--)
            if (Holds(value, k)) return k;
        return reached;
    }

    public bool Equals(Rule? other) =>
        other is not null && other.Indicator == Indicator && other.Direction == Direction
        && other.Hysteresis.Equals(Hysteresis) && other.Thresholds.SequenceEqual(Thresholds);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Indicator);
        hash.Add(Direction);
        hash.Add(Hysteresis);
        foreach (var t in Thresholds) hash.Add(t);
        return hash.ToHashCode();
    }
}
