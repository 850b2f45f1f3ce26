using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using Xunit;

namespace BedCoord.Domain.Tests.Tension;

public class AlertRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly ScopeRef Chu = new(ScopeKind.Establishment, "310781406");

    private static LevelEvaluation Computed(int occupiedOfHundred, IReadOnlyDictionary<string, int>? previous = null) =>
        LevelEvaluator.Evaluate(RuleSet.RegionDefault, TestSummary.Mco(occupiedOfHundred), previous);

    [Theory]
    [InlineData(null, 0, false)]
    [InlineData(null, 1, true)]
    [InlineData(0, 0, false)]
    [InlineData(1, 2, true)]
    [InlineData(3, 0, true)]
    [InlineData(2, 2, false)]
    public void Due_on_every_change_of_the_effective_level(int? previous, int level, bool due) =>
        Assert.Equal(due, AlertRules.IsDue(previous, level));

    [Fact]
    public void A_computed_rise_names_the_rule()
    {
        var alert = AlertRules.OnChange("a1", Chu, "CHU Test", 0, Computed(96), null, Now);
        Assert.Equal(new Alert("a1", ScopeKind.Establishment, "310781406", "CHU Test", 0, 2, 2, null,
            "Taux d'occupation MCO 96 % ≥ seuil 95 % (tension forte)", Now), alert);
    }

    [Fact]
    public void No_alert_when_the_effective_level_stays()
    {
        var declaration = new Declaration(3, "Plan blanc", "alice", Now, null);
        // The computed level moves under a declared crise: the board level does not change.
        Assert.Null(AlertRules.OnChange("a", Chu, "CHU", 3, Computed(96), declaration, Now));
        Assert.Null(AlertRules.OnChange("a", Chu, "CHU", 2, Computed(96), null, Now));
    }

    [Fact]
    public void A_declaration_that_sets_the_level_is_the_cause()
    {
        var declaration = new Declaration(3, "Plan blanc déclenché", "alice", Now, null);
        var alert = AlertRules.OnChange("a", Chu, "CHU", 2, Computed(96), declaration, Now)!;
        Assert.Equal((2, 3, 2, 3), (alert.From, alert.To, alert.ComputedLevel, alert.DeclaredLevel));
        Assert.Equal("Niveau crise déclaré par alice : Plan blanc déclenché", alert.Cause);
    }

    [Fact]
    public void A_computed_level_above_the_declaration_is_its_own_cause()
    {
        var declaration = new Declaration(1, "Afflux", "bob", Now, null);
        var alert = AlertRules.OnChange("a", Chu, "CHU", 1, Computed(100), declaration, Now)!;
        Assert.Equal(3, alert.To);
        Assert.Equal(1, alert.DeclaredLevel);
        Assert.StartsWith("Taux d'occupation MCO 100 %", alert.Cause);
    }

    [Fact]
    public void An_expired_declaration_counts_for_nothing()
    {
        var expired = new Declaration(3, "Plan blanc", "alice", Now.AddHours(-2), Now.AddHours(-1));
        var alert = AlertRules.OnChange("a", Chu, "CHU", 3, Computed(50), expired, Now, AlertRules.Expired(expired))!;
        Assert.Equal((3, 0, 0), (alert.From, alert.To, alert.ComputedLevel));
        Assert.Null(alert.DeclaredLevel);
        Assert.Equal("Fin de la déclaration crise de alice (expirée)", alert.Cause);
    }

    [Fact]
    public void Lifting_and_returning_to_normal_say_why()
    {
        var lifted = AlertRules.OnChange("a", Chu, "CHU", 3, Computed(91), null, Now, AlertRules.Lifted("alice", "Fin du plan blanc"))!;
        Assert.Equal("Déclaration levée par alice : Fin du plan blanc", lifted.Cause);
        Assert.Equal(1, lifted.To);

        var calm = AlertRules.OnChange("b", Chu, "CHU", 1, Computed(50), null, Now)!;
        Assert.Equal("Aucun seuil de tension atteint", calm.Cause);
    }
}
