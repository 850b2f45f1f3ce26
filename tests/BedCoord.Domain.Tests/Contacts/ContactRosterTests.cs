using BedCoord.Domain.Beds;
using BedCoord.Domain.Contacts;
using BedCoord.Domain.Summaries;
using Xunit;

namespace BedCoord.Domain.Tests.Contacts;

public class ContactRosterTests
{
    private static readonly Contact Day = new("Camille (fictif)", "05 36 49 00 01", null, "Gestionnaire de lits de jour", "07:30", "19:30", [1, 2, 3, 4, 5]);
    private static readonly Contact Night = new("Hugo (fictif)", "05 36 49 00 02", null, "Cadre de soins de nuit", "19:30", "07:30");
    private static readonly Contact Admin = new("Inès (fictif)", "05 36 49 00 03", null, "Administrateur de garde");
    private static readonly IReadOnlyList<Contact> Roster = [Day, Night, Admin];

    // Monday 7 December 2026 in Paris (UTC+1 in winter).
    private static DateTimeOffset Paris(int day, int hour, int minute = 0) => new(2026, 12, day, hour, minute, 0, TimeSpan.FromHours(1));

    [Theory]
    [InlineData(7, 10, 0, "Gestionnaire de lits de jour")]   // Monday morning
    [InlineData(7, 19, 29, "Gestionnaire de lits de jour")]
    [InlineData(7, 19, 30, "Cadre de soins de nuit")]         // the night range starts
    [InlineData(8, 3, 0, "Cadre de soins de nuit")]           // overnight, past midnight
    [InlineData(8, 7, 30, "Gestionnaire de lits de jour")]
    [InlineData(12, 11, 0, "Administrateur de garde")]        // Saturday 11:00: no day manager at week-ends, night is off
    public void The_contact_on_duty_changes_with_the_hour(int day, int hour, int minute, string role)
    {
        Assert.Equal(role, ContactRoster.OnDuty(Roster, Paris(day, hour, minute))!.Role);
    }

    [Fact]
    public void Those_on_duty_come_first_then_the_others_in_their_order()
    {
        Assert.Equal([Night, Admin, Day], ContactRoster.InCallOrder(Roster, Paris(8, 2)));
        Assert.Equal([Day, Admin, Night], ContactRoster.InCallOrder(Roster, Paris(7, 10)));
    }

    [Fact]
    public void Hours_are_read_in_Paris_time_whatever_the_instants_offset()
    {
        // 18:45 UTC is 19:45 in Paris in winter: the night manager, not the day one.
        Assert.Equal(Night, ContactRoster.OnDuty(Roster, new DateTimeOffset(2026, 12, 7, 18, 45, 0, TimeSpan.Zero)));
        // In summer Paris is UTC+2: 17:45 UTC is 19:45 there.
        Assert.Equal(Night, ContactRoster.OnDuty(Roster, new DateTimeOffset(2026, 7, 6, 17, 45, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Nobody_is_on_duty_outside_every_range()
    {
        Assert.Null(ContactRoster.OnDuty([Day], Paris(12, 11)));
    }

    [Theory]
    [InlineData("25:00", "08:00", null, "from")]
    [InlineData("08:00", null, null, "to")]
    [InlineData(null, null, "0", "days")]
    public void Bad_hours_are_refused_by_name(string? from, string? to, string? day, string field)
    {
        var errors = new FieldErrors();
        var input = new ContactInput("Cadre", "X", "05 00", null, from, to, day is null ? null : [int.Parse(day)]);
        Assert.Null(input.Validate("[0].", errors));
        Assert.True(errors.Has($"[0].{field}"), errors.ToString());
    }

    [Fact]
    public void A_contact_without_text_hours_gets_them_described_in_French()
    {
        var contact = new ContactInput("Cadre de nuit", "X", null, null, "20:00", "07:30", [1, 2, 3, 4, 5]).Validate("", new FieldErrors());
        Assert.Equal("20 h – 7 h 30, lun.–ven.", contact!.Hours);
    }
}
