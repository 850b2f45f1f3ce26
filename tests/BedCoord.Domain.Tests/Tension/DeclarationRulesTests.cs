using System.Text.Json;
using BedCoord.Domain.Beds;
using BedCoord.Domain.Tension;
using Xunit;

namespace BedCoord.Domain.Tests.Tension;

public class DeclarationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static (Declaration? Declaration, FieldErrors Errors) Parse(DeclarationInput? input)
    {
        var errors = new FieldErrors();
        return (DeclarationRules.Parse(input, "alice", Now, errors), errors);
    }

    [Theory]
    [InlineData("crise", 3)]
    [InlineData("tension-forte", 2)]
    [InlineData("Tension", 1)]
    [InlineData("0", 0)]
    [InlineData("3", 3)]
    public void Level_is_a_name_or_a_number(string level, int expected)
    {
        var (declaration, errors) = Parse(new DeclarationInput(level, "Plan blanc déclenché", null));
        Assert.True(errors.IsEmpty, errors.ToString());
        Assert.Equal(new Declaration(expected, "Plan blanc déclenché", "alice", Now, null), declaration);
    }

    [Theory]
    [InlineData("""{"level":"crise","reason":"Plan blanc","expiresAt":null}""", 3)]
    [InlineData("""{"level":2,"reason":"Plan blanc"}""", 2)]
    public void Json_body_takes_a_name_or_a_number(string json, int expected)
    {
        var input = JsonSerializer.Deserialize<DeclarationInput>(json, Web);
        Assert.Equal(expected, Parse(input).Declaration!.Level);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("-1")]
    [InlineData("plan-blanc")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_levels_are_named(string? level) =>
        Assert.True(Parse(new DeclarationInput(level, "x", null)).Errors.Has("level"));

    [Fact]
    public void A_json_object_as_level_is_an_error_not_a_crash()
    {
        var input = JsonSerializer.Deserialize<DeclarationInput>("""{"level":{"x":1},"reason":"r"}""", Web);
        Assert.True(Parse(input).Errors.Has("level"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Reason_is_required(string? reason) =>
        Assert.True(Parse(new DeclarationInput("crise", reason, null)).Errors.Has("reason"));

    [Fact]
    public void Reason_is_trimmed_and_at_most_500_characters()
    {
        Assert.Equal("ok", Parse(new DeclarationInput("crise", "  ok ", null)).Declaration!.Reason);
        Assert.True(Parse(new DeclarationInput("crise", new string('x', 500), null)).Errors.IsEmpty);
        Assert.True(Parse(new DeclarationInput("crise", new string('x', 501), null)).Errors.Has("reason"));
    }

    [Theory]
    [InlineData("1h", 1)]
    [InlineData("3h", 3)]
    [InlineData("6H", 6)]
    public void Durations_count_from_now(string expiry, int hours) =>
        Assert.Equal(Now.AddHours(hours), Parse(new DeclarationInput("crise", "r", expiry)).Declaration!.ExpiresAt);

    [Fact]
    public void Absolute_dates_are_in_the_future_and_within_thirty_days()
    {
        Assert.Equal(Now.AddDays(2), Parse(new DeclarationInput("crise", "r", "2026-03-03T10:00:00Z")).Declaration!.ExpiresAt);
        Assert.Equal(Now.AddHours(1), Parse(new DeclarationInput("crise", "r", "2026-03-01T12:00:00+01:00")).Declaration!.ExpiresAt);
        Assert.Equal(Now.AddDays(30), Parse(new DeclarationInput("crise", "r", "2026-03-31T10:00:00Z")).Declaration!.ExpiresAt);
        Assert.True(Parse(new DeclarationInput("crise", "r", "2026-03-31T10:00:01Z")).Errors.Has("expiresAt"));
        Assert.True(Parse(new DeclarationInput("crise", "r", "2026-03-01T10:00:00Z")).Errors.Has("expiresAt"));
        Assert.True(Parse(new DeclarationInput("crise", "r", "2026-02-28T10:00:00Z")).Errors.Has("expiresAt"));
    }

    [Theory]
    [InlineData("2h")]
    [InlineData("2026-03-03")]
    [InlineData("demain")]
    public void Other_expiries_are_refused(string expiry) =>
        Assert.True(Parse(new DeclarationInput("crise", "r", expiry)).Errors.Has("expiresAt"));

    [Fact]
    public void Lifting_needs_a_reason()
    {
        var errors = new FieldErrors();
        Assert.Null(DeclarationRules.LiftReason(" ", errors));
        Assert.True(errors.Has("reason"));
        Assert.Equal("Fin du plan blanc", DeclarationRules.LiftReason("Fin du plan blanc", new FieldErrors()));
    }

    [Fact]
    public void Effective_level_is_the_max_of_computed_and_active_declaration()
    {
        var declaration = new Declaration(3, "Plan blanc", "alice", Now, Now.AddHours(1));
        Assert.Equal(3, DeclarationRules.EffectiveLevel(1, declaration, Now));
        Assert.Equal(2, DeclarationRules.EffectiveLevel(2, declaration with { Level = 1 }, Now));
        Assert.Equal(1, DeclarationRules.EffectiveLevel(1, declaration, Now.AddHours(1)));  // expired exactly at expiresAt
        Assert.Equal(1, DeclarationRules.EffectiveLevel(1, null, Now));
        Assert.Equal(3, DeclarationRules.EffectiveLevel(0, declaration with { ExpiresAt = null }, Now.AddYears(1)));
    }
}
