namespace BedCoord.Domain.Access;

/// <summary>The kinds of write domain.md §8 grants by role.</summary>
public enum WriteKind
{
    /// <summary>Bed states and emergency figures (and contact) of an establishment.</summary>
    EstablishmentFigures,
    Declaration,
    RuleSet,
    /// <summary>Activity history behind the BJML: daily post-emergency admissions, RPU quality (the ORU's job).</summary>
    ActivityData,
    /// <summary>The weekly departmental meeting: freezing its report, recording its actions.</summary>
    MeetingReport,
    /// <summary>Reference data and imports.</summary>
    ReferenceData,
    /// <summary>Webhook subscriptions pushing a scope's reports to another system (issue 12 §4).</summary>
    Webhook,
}
