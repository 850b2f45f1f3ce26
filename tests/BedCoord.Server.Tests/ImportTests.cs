using System.Net;
using System.Text;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>An admin loads a region's own establishments and units; re-importing never drops live state.</summary>
public sealed class ImportTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerProcess Server => fixture.Server;

    private static string Document(string unitName, int initialOccupied) => $$$"""
        {"regions":[{"id":"OCC","name":"Occitanie","sectors":[{"id":"OUEST","name":"Ouest","departments":[
          {"code":"31","name":"Haute-Garonne","establishments":[
            {"id":"310999999","name":"Clinique d'essai","category":"clinique privée","latitude":43.6,"longitude":1.44,
             "emergencyDepartment":false,"units":[
               {"id":"med-a","name":"{{{unitName}}}","category":"MED",
                "initial":{"installed":20,"closed":0,"surge":0,"occupied":{{{initialOccupied}}},"reserved":0,"expectedDischarges":1}}]}]}]}]}]}
        """;

    [Fact]
    public async Task An_imported_establishment_joins_the_grid_and_a_reimport_keeps_its_live_state()
    {
        using var admin = await Server.ClientAsync("admin");
        var regionBefore = await admin.GetJsonAsync("/api/regions/OCC");

        var first = await admin.PostAsync("/api/admin/territory", new StringContent(Document("Médecine A", 10), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var est = await admin.GetJsonAsync("/api/establishments/310999999");
        Assert.Equal(10, est.Child("med-a").Available());
        Assert.Equal(regionBefore.Available() + 10, (await admin.GetJsonAsync("/api/regions/OCC")).Available());
        Assert.Contains((await admin.GetJsonAsync("/api/departments/31")).GetProperty("children").EnumerateArray(),
            c => c.GetProperty("id").GetString() == "310999999");

        // Live change, then the same file again with another starting state and a new unit name.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync("/api/establishments/310999999/units/med-a/beds", Json.Beds(20, 0, 0, 19, 0, 0))).StatusCode);
        var again = await admin.PostAsync("/api/admin/territory", new StringContent(Document("Médecine polyvalente", 2), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var unit = (await admin.GetJsonAsync("/api/establishments/310999999")).Child("med-a");
        Assert.Equal(19, unit.Int("beds", "occupied"));
        Assert.Equal("Médecine polyvalente", unit.GetProperty("name").GetString());
        var territory = await admin.GetJsonAsync("/api/territory");
        Assert.Equal(13, territory.GetProperty("regions")[0].GetProperty("sectors").EnumerateArray().Sum(s => s.GetProperty("departments").GetArrayLength()));
    }

    [Fact]
    public async Task Only_an_admin_may_import_and_a_bad_document_names_the_field()
    {
        using var supervisor = await Server.ClientAsync("supervisor");
        using var admin = await Server.ClientAsync("admin");

        var refused = await supervisor.PostAsync("/api/admin/territory", new StringContent(Document("x", 1), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var invalid = await admin.PostAsync("/api/admin/territory",
            new StringContent(Document("x", 1).Replace("\"MED\"", "\"XYZ\""), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.ProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("regions[0].sectors[0].departments[0].establishments[0].units[0].category", out _), errors.ToString());
    }
}
