using BedCoord.Domain.Beds;
using BedCoord.Domain.Crisis;
using BedCoord.Domain.Territory;

using Xunit;

namespace BedCoord.Domain.Tests.Crisis;

public sealed class RequestAndLogbookRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 8, 0, 0, TimeSpan.Zero);

    private static ReinforcementRequest Open() => new("r1", "310781406", "31", "transfer", "urgent", "3 patients REA", 3, "REA",
        RequestRules.Open, Now, "bm", null, null, null, null, null);

    [Fact]
    public void A_request_is_taken_then_satisfied_with_who_and_when()
    {
        var errors = new FieldErrors();
        var taken = RequestRules.Move(Open(), "taken", "coord", null, Now.AddMinutes(5), errors)!;
        var done = RequestRules.Move(taken, "satisfied", "coord2", "2 lits au CHU", Now.AddMinutes(30), errors)!;
        Assert.True(errors.IsEmpty);
        Assert.Equal(("coord", Now.AddMinutes(5)), (done.TakenBy, done.TakenAt));
        Assert.Equal(("coord2", Now.AddMinutes(30)), (done.ClosedBy, done.ClosedAt));
        Assert.False(done.IsOpen);
        Assert.Null(RequestRules.Move(done, "taken", "x", null, Now, errors));
        Assert.True(errors.Has("status"));
    }

    [Fact]
    public void A_transfer_needs_a_count_and_a_known_kind_and_urgency()
    {
        var errors = new FieldErrors();
        Assert.Null(RequestRules.Validate(new RequestInput("transfer", "soon", " ", null, null), errors));
        Assert.True(errors.Has("urgency"));
        Assert.True(errors.Has("text"));
        Assert.True(errors.Has("count"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_text_is_refused_under_text(string text)
    {
        var errors = new FieldErrors();
        Assert.Null(LogbookRules.Validate(new ScopeRef(ScopeKind.Department, "31"), new LogbookInput("decision", text, null, null, null, null), "a", "coordinator", Now, errors));
        Assert.True(errors.Has("text"));
    }

    [Fact]
    public void Text_of_4000_characters_is_accepted_and_4001_refused()
    {
        var scope = new ScopeRef(ScopeKind.Department, "31");
        var ok = new FieldErrors();
        Assert.NotNull(LogbookRules.Validate(scope, new LogbookInput("decision", new string('a', 4000), null, null, null, null), "a", "r", Now, ok));
        var ko = new FieldErrors();
        Assert.Null(LogbookRules.Validate(scope, new LogbookInput("decision", new string('a', 4001), null, null, null, null), "a", "r", Now, ko));
        Assert.True(ko.Has("text"));
    }

    [Fact]
    public void People_cannot_write_system_entries_nor_future_events()
    {
        var errors = new FieldErrors();
        Assert.Null(LogbookRules.Validate(new ScopeRef(ScopeKind.Department, "31"), new LogbookInput("system", "x", null, Now.AddHours(1), "maybe", null), "a", "r", Now, errors));
        Assert.True(errors.Has("kind"));
        Assert.True(errors.Has("eventAt"));
        Assert.True(errors.Has("check"));
    }
}
