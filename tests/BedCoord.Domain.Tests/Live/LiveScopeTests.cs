using Xunit;
using BedCoord.Domain.Live;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Domain.Tests.Tension;

namespace BedCoord.Domain.Tests.Live;

/// <summary>
/// The live push's rules without Orleans or SignalR: what a grain announces, how a relay or a board applies it,
/// and when it must read the whole scope again.
/// </summary>
public sealed class LiveScopeTests
{
    private static Summary Establishment(string finess, int open, int occupied, long revision) =>
        TestSummary.Of(("MED", TestSummary.Figures(open, occupied))) with { Id = finess, Name = finess, Revision = revision };

    /// <summary>A département as its grain sums it, with every establishment as a child.</summary>
    private static Summary Department(IReadOnlyList<Summary> establishments, long revision) =>
        SummaryMath.Aggregate(ScopeKind.Department, "31", "Haute-Garonne", "SUD", establishments, null, revision) with { Children = establishments };

    [Fact]
    public void A_change_carries_only_the_changed_child_and_applied_gives_the_same_state_as_a_fresh_summary()
    {
        List<Summary> establishments = [Establishment("A", 100, 50, 1), Establishment("B", 40, 10, 1), Establishment("C", 60, 60, 1)];
        var collector = new ChangeCollector("department:31", epoch: 7);
        var relay = new LiveScope(collector.Snapshot(Department(establishments, 1)));

        establishments[1] = Establishment("B", 40, 35, 2);
        collector.ChildChanged(establishments[1]);
        var fresh = Department(establishments, 2);
        var change = collector.Take(fresh);

        Assert.Equal(["B"], change.Children.Select(c => c.Id));
        Assert.Null(change.Figures.Children);
        Assert.Equal(SequenceStep.Next, relay.Apply(change));
        var held = relay.Snapshot().Summary;
        Assert.True(held.SameFiguresAs(fresh));
        Assert.Equal(fresh.Revision, held.Revision);
        Assert.Equal(fresh.Children!.Select(c => (c.Id, c.Beds)), held.Children!.Select(c => (c.Id, c.Beds)));
        Assert.Equal(145, held.Beds.Occupied);
    }

    [Fact]
    public void Changes_between_two_announcements_go_out_once_with_the_latest_figures_of_each_child()
    {
        var collector = new ChangeCollector("department:31", epoch: 7);
        collector.ChildChanged(Establishment("A", 100, 51, 2));
        collector.ChildChanged(Establishment("B", 40, 11, 2));
        collector.ChildChanged(Establishment("A", 100, 52, 3));
        var first = collector.Take(Department([], 3));
        var second = collector.Take(Department([], 3));

        Assert.Equal([("A", 52), ("B", 11)], first.Children.Select(c => (c.Id, c.Beds.Occupied)).OrderBy(c => c.Id));
        Assert.Empty(second.Children);
        Assert.Equal([1L, 2L], [first.Seq, second.Seq]);
    }

    [Fact]
    public void A_missing_change_or_a_new_epoch_is_a_gap_and_changes_nothing()
    {
        var collector = new ChangeCollector("department:31", epoch: 7);
        var held = new LiveScope(collector.Snapshot(Department([Establishment("A", 100, 50, 1)], 1)));
        var lost = collector.Take(Department([Establishment("A", 100, 60, 2)], 2));
        var next = collector.Take(Department([Establishment("A", 100, 70, 3)], 3));

        Assert.Equal(SequenceStep.Gap, held.Apply(next));
        Assert.Equal(0, held.Seq);
        Assert.Equal(50, held.Snapshot().Summary.Beds.Occupied);
        Assert.Equal(SequenceStep.Next, held.Apply(lost));
        Assert.Equal(SequenceStep.Old, held.Apply(lost));

        var restarted = new ChangeCollector("department:31", epoch: 8).Take(Department([], 4));
        Assert.Equal(SequenceStep.Gap, held.Apply(restarted));
    }

    [Theory]
    [InlineData(7, 3, 7, 4, SequenceStep.Next)]
    [InlineData(7, 3, 7, 3, SequenceStep.Old)]
    [InlineData(7, 3, 7, 1, SequenceStep.Old)]
    [InlineData(7, 3, 7, 5, SequenceStep.Gap)]
    [InlineData(7, 3, 8, 4, SequenceStep.Gap)]
    [InlineData(7, 3, 8, 1, SequenceStep.Gap)]
    public void The_sequence_rule(long heldEpoch, long heldSeq, long epoch, long seq, SequenceStep expected) =>
        Assert.Equal(expected, LiveSequence.Classify(heldEpoch, heldSeq, epoch, seq));

    [Fact]
    public void A_child_new_to_the_scope_is_added_after_the_others()
    {
        var collector = new ChangeCollector("department:31", epoch: 1);
        var held = new LiveScope(collector.Snapshot(Department([Establishment("A", 10, 1, 1)], 1)));
        collector.ChildChanged(Establishment("Z", 5, 5, 1));
        held.Apply(collector.Take(Department([Establishment("A", 10, 1, 1), Establishment("Z", 5, 5, 1)], 2)));
        Assert.Equal(["A", "Z"], held.Snapshot().Summary.Children!.Select(c => c.Id));
    }
}
