using BedCoord.Domain.Beds;
using BedCoord.Domain.Bjml;
using BedCoord.Domain.Report;
using Xunit;
using static BedCoord.Domain.Tests.Report.WeekFiguresTests;

namespace BedCoord.Domain.Tests.Report;

public class MeetingActionTests
{
    private static MeetingAction Rev(long id, int revision, string week, string status, string at) =>
        new(id, revision, "31", week, $"Action {id}", null, "Dr X", null, status, Utc(at), "coord");

    [Fact]
    public void Open_actions_carry_over_to_later_weeks_until_closed()
    {
        var revisions = new[]
        {
            Rev(1, 1, "2026-W47", ActionStatus.Open, "2026-11-17T10:00:00Z"),
            Rev(1, 2, "2026-W47", ActionStatus.InProgress, "2026-11-20T10:00:00Z"),
            Rev(1, 3, "2026-W47", ActionStatus.Closed, "2026-11-24T10:00:00Z"), // closed at the W48 meeting
            Rev(2, 1, "2026-W47", ActionStatus.Open, "2026-11-17T10:05:00Z"),
            Rev(2, 2, "2026-W47", ActionStatus.Closed, "2026-11-18T10:00:00Z"), // closed before W48
            Rev(3, 1, "2026-W48", ActionStatus.Open, "2026-11-24T10:10:00Z"),
            Rev(4, 1, "2026-W47", ActionStatus.Open, "2026-11-25T09:00:00Z"), // entered late for the W47 meeting
        };
        var now = Utc("2026-12-07T00:00:00Z");

        var w48 = MeetingAction.ForWeek(revisions, new IsoWeek(2026, 48), now);
        Assert.Equal([(3L, ActionStatus.Open), (4L, ActionStatus.Open), (1L, ActionStatus.Closed)], w48.Select(a => (a.Id, a.Status)));

        var w49 = MeetingAction.ForWeek(revisions, new IsoWeek(2026, 49), now);
        Assert.Equal([3L, 4L], w49.Select(a => a.Id));

        // As it stood on 21 November, the W47 report showed action 1 in progress.
        var w47 = MeetingAction.ForWeek(revisions, new IsoWeek(2026, 47), Utc("2026-11-21T00:00:00Z"));
        Assert.Equal([(1L, ActionStatus.InProgress), (2L, ActionStatus.Closed)], w47.Select(a => (a.Id, a.Status)));
    }

    [Fact]
    public void A_change_names_each_bad_field()
    {
        var basis = Rev(1, 1, "2026-W48", ActionStatus.Open, "2026-11-24T10:00:00Z");
        var errors = new FieldErrors();

        var next = new MeetingActionInput("", "999999999", null, "31/12/2026", "finie").Apply(basis, f => f == "310000001", errors);

        Assert.Null(next);
        Assert.True(errors.Has("what") && errors.Has("establishment") && errors.Has("dueDate") && errors.Has("status"));
        Assert.False(errors.Has("owner"));
        var ok = new MeetingActionInput(null, "310000001", null, "2026-12-31", ActionStatus.InProgress).Apply(basis, f => f == "310000001", new FieldErrors());
        Assert.Equal(("310000001", new DateOnly(2026, 12, 31), ActionStatus.InProgress, "Action 1"), (ok!.Establishment, ok.DueDate!.Value, ok.Status, ok.What));
    }
}
