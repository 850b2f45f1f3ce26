using BedCoord.Domain.Beds;
using BedCoord.Domain.Crisis;
using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;

using Xunit;

namespace BedCoord.Domain.Tests.Crisis;

public sealed class MeasureRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 8, 0, 0, TimeSpan.Zero);
    private static readonly ScopeRef Est = new(ScopeKind.Establishment, "310781406");

    private static Measure Planned()
    {
        var n = 0;
        return Measure.Open(Est, DefaultTemplates.For(MeasureTriggers.PlanBlanc), Now, "system", () => $"m{++n}")[0];
    }

    private static MeasurePatch Status(string s) => new(s, null, null, false, false);

    [Theory]
    [InlineData("planned", "engaged", true)]
    [InlineData("planned", "done", true)]
    [InlineData("planned", "not-applicable", true)]
    [InlineData("engaged", "done", true)]
    [InlineData("engaged", "lifted", true)]
    [InlineData("engaged", "planned", false)]
    [InlineData("done", "engaged", false)]
    [InlineData("lifted", "done", false)]
    [InlineData("not-applicable", "planned", false)]
    public void Status_moves_forward_only(string from, string to, bool allowed) => Assert.Equal(allowed, MeasureStatus.CanMove(from, to));

    [Fact]
    public void Opening_a_checklist_plans_every_template_measure_with_its_due_time()
    {
        var n = 0;
        var measures = Measure.Open(Est, DefaultTemplates.For(MeasureTriggers.Pmi), Now, "system", () => $"m{++n}");
        Assert.Equal(DefaultTemplates.For(MeasureTriggers.Pmi).Measures.Count, measures.Count);
        Assert.All(measures, m => Assert.Equal(MeasureStatus.Planned, m.Status));
        Assert.Equal(Now.AddHours(2), measures[0].DueAt);
        Assert.False(measures[0].IsOverdue(Now.AddHours(1)));
        Assert.True(measures[0].IsOverdue(Now.AddHours(3)));
    }

    [Fact]
    public void Closing_a_measure_records_who_and_when_and_it_is_no_longer_overdue()
    {
        var errors = new FieldErrors();
        var done = MeasureRules.Apply(Planned(), Status("done"), "alice", Now.AddHours(5), errors)!;
        Assert.True(errors.IsEmpty);
        Assert.Equal("alice", done.ClosedBy);
        Assert.Equal(Now.AddHours(5), done.ClosedAt);
        Assert.False(done.IsOverdue(Now.AddDays(1)));
    }

    [Fact]
    public void A_due_time_in_the_past_is_refused_under_dueAt()
    {
        var errors = new FieldErrors();
        Assert.Null(MeasureRules.Apply(Planned(), new MeasurePatch(null, null, Now.AddMinutes(-1), false, true), "alice", Now, errors));
        Assert.True(errors.Has("dueAt"));
    }

    [Fact]
    public void A_backward_move_or_unknown_status_is_refused_under_status()
    {
        var errors = new FieldErrors();
        var done = MeasureRules.Apply(Planned(), Status("done"), "a", Now, errors)!;
        Assert.Null(MeasureRules.Apply(done, Status("engaged"), "a", Now, errors));
        Assert.True(errors.Has("status"));
        var other = new FieldErrors();
        Assert.Null(MeasureRules.Apply(Planned(), Status("finished"), "a", Now, other));
        Assert.True(other.Has("status"));
    }

    [Fact]
    public void A_new_due_time_clears_the_overdue_mark()
    {
        var overdue = Planned() with { OverdueAt = Now };
        var errors = new FieldErrors();
        var moved = MeasureRules.Apply(overdue, new MeasurePatch(null, "Dr Martin", Now.AddHours(4), true, true), "a", Now, errors)!;
        Assert.Null(moved.OverdueAt);
        Assert.Equal("Dr Martin", moved.Owner);
    }

    [Theory]
    [InlineData(ScopeKind.Establishment, 3, "Plan blanc déclenché", "plan-blanc")]
    [InlineData(ScopeKind.Establishment, 2, "Afflux aux urgences", "pmi")]
    [InlineData(ScopeKind.Establishment, 3, "PMI activé, niveau 2", "pmi")]
    [InlineData(ScopeKind.Establishment, 1, "Plan blanc préventif", "plan-blanc")]
    [InlineData(ScopeKind.Department, 2, "Saturation départementale", "territorial")]
    [InlineData(ScopeKind.Establishment, 0, "Retour à la normale", null)]
    public void A_declaration_reaches_its_trigger(ScopeKind kind, int level, string reason, string? trigger) =>
        Assert.Equal(trigger, MeasureTriggers.ForDeclaration(kind, new Declaration(level, reason, "a", Now, null)));

    [Fact]
    public void The_computed_level_reaches_tension_forte_then_crise_and_only_new_checklists_open()
    {
        Assert.Empty(MeasureTriggers.ForComputedLevel(1));
        Assert.Equal(["tension-forte"], MeasureTriggers.ForComputedLevel(2));
        Assert.Equal(["tension-forte", "crise"], MeasureTriggers.ForComputedLevel(3));
        Assert.Equal(["crise"], MeasureTriggers.ToOpen(MeasureTriggers.ForComputedLevel(3), ["tension-forte"]));
    }

    [Fact]
    public void Default_templates_are_valid_and_cover_every_trigger()
    {
        var errors = new FieldErrors();
        Assert.NotNull(TemplateRules.Validate(DefaultTemplates.All, errors));
        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Equal(MeasureTriggers.All.Order(), DefaultTemplates.All.Select(t => t.Trigger).Order());
    }

    [Fact]
    public void Templates_with_an_unknown_trigger_or_category_are_refused_by_field()
    {
        var errors = new FieldErrors();
        Assert.Null(TemplateRules.Validate([new("nuclear", [new("x", "X", "capacity", 60)]),
            new("pmi", [new("Bad Code", "", "weather", 0)])], errors));
        Assert.True(errors.Has("templates[0].trigger"));
        Assert.True(errors.Has("templates[1].measures[0].code"));
        Assert.True(errors.Has("templates[1].measures[0].title"));
        Assert.True(errors.Has("templates[1].measures[0].category"));
        Assert.True(errors.Has("templates[1].measures[0].dueAfterMinutes"));
    }
}
