namespace BedCoord.Domain.Tension;

/// <summary>
/// A scope's computed level, each rule's level (keyed by indicator, to pass back as "previous" next time;
/// rules without a value are absent, so their history is forgotten) and why the level is what it is.
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.level-evaluation")]
public sealed record LevelEvaluation(
    [property: Id(0)] int Level,
    [property: Id(1)] IReadOnlyDictionary<string, int> RuleLevels,
    [property: Id(2)] LevelCause? Cause)
{
    public static readonly LevelEvaluation None = new(TensionLevel.Normal, new Dictionary<string, int>(), null);

    /// <summary>The cause as a sentence, or a plain one when no rule reached a level.</summary>
    public string CauseText => Cause?.Text ?? LevelCause.NoThresholdReached;
}

/// <summary>
/// The rule behind a computed level: which threshold was crossed at which value. Held is true when the value
/// is already back on the other side of the threshold but within the hysteresis, so the level is kept.
/// </summary>
[GenerateSerializer, Immutable, Alias("bedcoord.level-cause")]
public sealed record LevelCause(
    [property: Id(0)] string Indicator,
    [property: Id(1)] string Direction,
    [property: Id(2)] int Level,
    [property: Id(3)] double Threshold,
    [property: Id(4)] double Value,
    [property: Id(5)] bool Held,
    [property: Id(6)] string Text)
{
    public const string NoThresholdReached = "Aucun seuil de tension atteint";
}
