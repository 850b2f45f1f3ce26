using System.Net;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>An establishment's duty roster: set, refused when wrong, out of scope, and who is on duty at a given hour.</summary>
public sealed class ContactsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Finess = "090000183";
    private const string Elsewhere = "340785161";
    private ServerProcess Server => fixture.Server;

    private const string Roster = """
        [{"role":"Gestionnaire de lits de jour","bedManager":"Camille Test","phone":"05 36 49 00 01","from":"07:30","to":"19:30","days":[1,2,3,4,5]},
         {"role":"Cadre de soins de nuit","bedManager":"Hugo Test","phone":"05 36 49 00 02","from":"19:30","to":"07:30"}]
        """;

    [Fact]
    public async Task The_contact_on_duty_switches_with_the_hour_and_the_others_follow()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        Assert.Equal(HttpStatusCode.OK, (await manager.PutJsonAsync($"/api/establishments/{Finess}/contacts", Roster)).StatusCode);

        var day = await manager.GetJsonAsync($"/api/establishments/{Finess}/contacts?at=2026-12-07T10:00:00%2B01:00");
        var night = await manager.GetJsonAsync($"/api/establishments/{Finess}/contacts?at=2026-12-08T02:30:00%2B01:00");
        var weekend = await manager.GetJsonAsync($"/api/establishments/{Finess}/contacts?at=2026-12-12T11:00:00%2B01:00");

        Assert.Equal("Camille Test", day.GetProperty("onDuty").GetProperty("bedManager").GetString());
        Assert.Equal(["Camille Test", "Hugo Test"], day.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("bedManager").GetString()));
        Assert.Equal("Hugo Test", night.GetProperty("onDuty").GetProperty("bedManager").GetString());
        Assert.Equal(["Hugo Test", "Camille Test"], night.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("bedManager").GetString()));
        Assert.True(night.GetProperty("contacts")[0].GetProperty("onDuty").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, weekend.GetProperty("onDuty").ValueKind);

        // The summary's contact is the one on duty now, first of its contacts.
        var summary = await manager.GetJsonAsync($"/api/establishments/{Finess}");
        var contacts = summary.GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(2, contacts.Count);
        if (summary.TryGetProperty("contact", out var now)) Assert.Equal(contacts[0].GetRawText(), now.GetRawText());
        Assert.Equal("19 h 30 – 7 h 30, 7 j/7", contacts.Single(c => c.GetProperty("bedManager").GetString() == "Hugo Test").GetProperty("hours").GetString());
    }

    [Theory]
    [InlineData("""[{"bedManager":"X","from":"7h","to":"19:30"}]""", "[0].from")]
    [InlineData("""[{"bedManager":"X","from":"07:00"}]""", "[0].to")]
    [InlineData("""[{"bedManager":"X"},{"bedManager":"Y","days":[8]}]""", "[1].days")]
    [InlineData("""[{"bedManager":"X","birthDate":"1970-01-01"}]""", "[0].birthDate")]
    [InlineData("""[{"bedManager":"X","phone":"appelez-moi"}]""", "[0].phone")]
    [InlineData("""{"bedManager":"X"}""", "$")]
    public async Task A_wrong_roster_is_refused_by_the_field_and_changes_nothing(string json, string field)
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var before = (await manager.GetJsonAsync($"/api/establishments/{Finess}/contacts")).GetProperty("contacts").GetRawText();

        var response = await manager.PutJsonAsync($"/api/establishments/{Finess}/contacts", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _), field);
        Assert.Equal(before, (await manager.GetJsonAsync($"/api/establishments/{Finess}/contacts")).GetProperty("contacts").GetRawText());
    }

    [Fact]
    public async Task A_bed_manager_cannot_set_another_establishments_roster()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var before = (await manager.GetJsonAsync($"/api/establishments/{Elsewhere}/contacts")).GetProperty("contacts").GetRawText();
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PutJsonAsync($"/api/establishments/{Elsewhere}/contacts", Roster)).StatusCode);
        Assert.Equal(before, (await manager.GetJsonAsync($"/api/establishments/{Elsewhere}/contacts")).GetProperty("contacts").GetRawText());
        var bad = await manager.GetAsync($"/api/establishments/{Finess}/contacts?at=demain", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
