using BedCoord.Domain.Crisis;
using BedCoord.Domain.Territory;

using Xunit;

namespace BedCoord.Domain.Tests.Crisis;

public sealed class LogbookChainTests
{
    private static readonly ScopeRef Scope = new(ScopeKind.Department, "31");
    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 8, 0, 0, TimeSpan.Zero);

    private static List<LogbookEntry> Chain(int n)
    {
        var entries = new List<LogbookEntry>();
        var prev = LogbookHash.Genesis;
        for (var i = 1; i <= n; i++)
        {
            var e = new LogbookEntry($"e{i}", i, LogbookKinds.InfoIn, Scope.Kind, Scope.Id, $"Entrée {i} — « lits »", i % 2 == 0 ? "SAMU 31" : null,
                null, "to-verify", null, "alice", "coordinator", T0.AddMinutes(i).AddTicks(1234567), null, i == 3 ? "{\"beds\":{\"available\":4}}" : null, "", prev);
            e = e with { Hash = LogbookHash.Compute(e) };
            entries.Add(e);
            prev = e.Hash;
        }
        return entries;
    }

    [Fact]
    public void An_untouched_chain_verifies_and_reports_its_head()
    {
        var entries = Chain(5);
        var result = LogbookChain.Verify(entries);
        Assert.True(result.Valid);
        Assert.Equal(5, result.Entries);
        Assert.Equal(entries[^1].Hash, result.Head);
        Assert.Null(result.FirstInvalid);
    }

    [Fact]
    public void An_empty_chain_is_valid_with_the_genesis_head()
    {
        var result = LogbookChain.Verify([]);
        Assert.True(result.Valid);
        Assert.Equal(LogbookHash.Genesis, result.Head);
    }

    [Fact]
    public void Editing_the_text_of_an_entry_names_that_entry()
    {
        var entries = Chain(6);
        entries[3] = entries[3] with { Text = "Entrée 4 — réécrite" };
        var result = LogbookChain.Verify(entries);
        Assert.False(result.Valid);
        Assert.Equal("e4", result.FirstInvalid!.Id);
        Assert.Equal(4, result.FirstInvalid.Seq);
    }

    [Fact]
    public void Editing_the_frozen_figures_names_that_entry()
    {
        var entries = Chain(4);
        entries[2] = entries[2] with { Data = "{\"beds\":{\"available\":40}}" };
        Assert.Equal("e3", LogbookChain.Verify(entries).FirstInvalid!.Id);
    }

    [Fact]
    public void Removing_an_entry_breaks_the_chain_at_the_next_one()
    {
        var entries = Chain(5);
        entries.RemoveAt(1);
        Assert.Equal("e3", LogbookChain.Verify(entries).FirstInvalid!.Id);
    }

    [Fact]
    public void Rehashing_an_edited_entry_still_breaks_the_link_of_the_next()
    {
        var entries = Chain(5);
        entries[1] = entries[1] with { Text = "falsifiée" };
        entries[1] = entries[1] with { Hash = LogbookHash.Compute(entries[1]) };
        var result = LogbookChain.Verify(entries);
        Assert.Equal("e3", result.FirstInvalid!.Id);
    }

    [Fact]
    public void The_hash_depends_on_every_field_and_on_the_previous_hash()
    {
        var e = Chain(1)[0];
        var h = LogbookHash.Compute(e);
        Assert.Matches("^[0-9a-f]{64}$", h);
        Assert.NotEqual(h, LogbookHash.Compute(e with { Author = "bob" }));
        Assert.NotEqual(h, LogbookHash.Compute(e with { Check = "verified" }));
        Assert.NotEqual(h, LogbookHash.Compute(e with { Source = "" }));
        Assert.NotEqual(h, LogbookHash.Compute(e with { PrevHash = new string('1', 64) }));
        Assert.NotEqual(h, LogbookHash.Compute(e with { At = e.At.AddTicks(10) }));
        // Below the microsecond PostgreSQL keeps, times are the same.
        Assert.Equal(h, LogbookHash.Compute(e with { At = e.At.AddTicks(-(e.At.UtcTicks % 10)) }));
    }
}
