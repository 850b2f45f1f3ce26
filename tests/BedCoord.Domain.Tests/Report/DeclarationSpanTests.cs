using BedCoord.Domain.Bjml;
using BedCoord.Domain.Report;
using BedCoord.Domain.Tension;
using Xunit;
using static BedCoord.Domain.Tests.Report.WeekFiguresTests;

namespace BedCoord.Domain.Tests.Report;

public class DeclarationSpanTests
{
    private static DeclarationRecord Declare(string at, string reason, string? expires = null) =>
        new(Utc(at), "establishment", "310000001", new Declaration(3, reason, "coord", Utc(at), expires is null ? null : Utc(expires)), null);

    [Fact]
    public void A_declaration_ends_at_its_lift_its_expiry_or_the_next_declaration()
    {
        var spans = DeclarationSpan.Pair([
            Declare("2026-11-23T08:00:00Z", "Plan blanc"),
            new DeclarationRecord(Utc("2026-11-24T18:00:00Z"), "establishment", "310000001", null, "Retour à la normale"),
            Declare("2026-11-25T08:00:00Z", "PMI accident autoroute", expires: "2026-11-25T20:00:00Z"),
            Declare("2026-11-26T08:00:00Z", "Plan blanc bis"),
            Declare("2026-11-27T08:00:00Z", "Plan blanc ter", expires: "2026-12-31T00:00:00Z"),
        ]);

        Assert.Equal(4, spans.Count);
        Assert.Equal((Utc("2026-11-24T18:00:00Z"), "Retour à la normale"), (spans[0].End!.Value, spans[0].EndReason));
        Assert.Equal((Utc("2026-11-25T20:00:00Z"), DeclarationSpan.Expired), (spans[1].End!.Value, spans[1].EndReason));
        Assert.Equal((Utc("2026-11-27T08:00:00Z"), DeclarationSpan.Replaced), (spans[2].End!.Value, spans[2].EndReason));
        Assert.Equal(Utc("2026-12-31T00:00:00Z"), spans[3].End);
    }

    [Theory]
    [InlineData("2026-W48", true, 2026, 48)]
    [InlineData("2026-W53", true, 2026, 53)]
    [InlineData("2025-W53", false, 0, 0)]
    [InlineData("2026-48", false, 0, 0)]
    [InlineData("semaine", false, 0, 0)]
    public void Weeks_are_read_in_ISO_form(string text, bool ok, int year, int week)
    {
        Assert.Equal(ok, ReportWeek.TryParse(text, out var w));
        if (ok) Assert.Equal(new IsoWeek(year, week), w);
    }
}
