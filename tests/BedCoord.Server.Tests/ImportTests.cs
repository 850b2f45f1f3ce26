using System.Net;
using System.Text;
using System.Text.Json;
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
        await admin.ReachedRegionAsync("310999999");
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

    [Fact]
    public async Task Moving_an_establishment_or_a_departement_is_refused_by_name_and_nothing_is_counted_twice()
    {
        using var admin = await Server.ClientAsync("admin");
        var finess = (await admin.GetJsonAsync("/api/departments/31")).GetProperty("children")[0].GetProperty("id").GetString();
        var regionBefore = await admin.GetJsonAsync("/api/regions/OCC");
        var gersBefore = (await admin.GetJsonAsync("/api/departments/32")).GetProperty("children").GetArrayLength();

        // A known establishment of Haute-Garonne filed under the Gers; the Lot (sector Nord) filed under Ouest.
        var establishmentMoved = $$$"""
            {"regions":[{"id":"OCC","name":"Occitanie","sectors":[{"id":"OUEST","name":"Ouest","departments":[
              {"code":"32","name":"Gers","establishments":[
                {"id":"{{{finess}}}","name":"Déplacé","category":"CH","emergencyDepartment":false,"units":[]}]}]}]}]}
            """;
        const string departmentMoved = """
            {"regions":[{"id":"OCC","name":"Occitanie","sectors":[{"id":"OUEST","name":"Ouest","departments":[
              {"code":"46","name":"Lot","establishments":[]}]}]}]}
            """;
        foreach (var (body, field, parent) in new[]
        {
            (establishmentMoved, "regions[0].sectors[0].departments[0].establishments[0].id", "département 31"),
            (departmentMoved, "regions[0].sectors[0].departments[0].code", "secteur NORD"),
        })
        {
            var response = await admin.PostAsync("/api/admin/territory", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = (await response.ProblemAsync()).GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages), errors.ToString());
            Assert.Contains(parent, messages[0].GetString());
        }

        var regionAfter = await admin.GetJsonAsync("/api/regions/OCC");
        Assert.Equal((regionBefore.Int("beds", "installed"), regionBefore.Available()), (regionAfter.Int("beds", "installed"), regionAfter.Available()));
        Assert.Equal(gersBefore, (await admin.GetJsonAsync("/api/departments/32")).GetProperty("children").GetArrayLength());
        var nord = (await admin.GetJsonAsync("/api/territory")).GetProperty("regions")[0].GetProperty("sectors").EnumerateArray()
            .Single(s => s.GetProperty("id").GetString() == "NORD");
        Assert.Contains(nord.GetProperty("departments").EnumerateArray(), d => d.GetProperty("code").GetString() == "46");
    }

    private const int AddedPerDepartment = 40, UnitsPerEstablishment = 8, InstalledPerUnit = 10;

    [Fact]
    public async Task An_import_whose_client_goes_away_midway_ends_with_every_unit_counted_and_its_retry_changes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = await Server.ClientAsync("admin");
        // Every département answers first (so each is active and knows its children before the file arrives), and
        // gives the totals the file adds to.
        var territory = (await admin.GetJsonAsync("/api/territory")).GetProperty("regions")[0];
        var codes = territory.GetProperty("sectors").EnumerateArray().SelectMany(s => s.GetProperty("departments").EnumerateArray())
            .Select(d => d.GetProperty("code").GetString()!).ToList();
        var before = new Dictionary<string, (int Installed, int Units)>();
        foreach (var code in codes) before[code] = Totals(await admin.GetJsonAsync($"/api/departments/{code}"));
        var regionBefore = Totals(await admin.GetJsonAsync("/api/regions/OCC"));
        var file = NewEstablishmentsIn(territory);
        var fileUnits = codes.Count * AddedPerDepartment * UnitsPerEstablishment;

        // The client gives up once the file's starting states are stored, while establishments are being brought up to date.
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var first = admin.PostAsync("/api/admin/territory", new StringContent(file, Encoding.UTF8, "application/json"), gone.Token);
        const string stored = "SELECT count(*) FROM bedcoord_unit_state WHERE unit_key LIKE '%/interrompu-%'";
        while (!first.IsCompleted && await Db.ScalarAsync<long>(fixture.Database, stored) < fileUnits) await Task.Delay(5, ct);
        await gone.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

        // The client tries again: nothing new to store, and every région and département counts every unit of the file.
        var retry = await admin.PostAsync("/api/admin/territory", new StringContent(file, Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var outcome = JsonDocument.Parse(await retry.Content.ReadAsStringAsync(ct)).RootElement;
        Assert.Equal((0, 0, 0), (outcome.Int("added"), outcome.Int("updated"), outcome.Int("unitsInitialized")));
        var expected = (regionBefore.Installed + fileUnits * InstalledPerUnit, regionBefore.Units + fileUnits);
        var region = await Eventually.ValueAsync(async () => Totals(await admin.GetJsonAsync("/api/regions/OCC")), t => t == expected, TimeSpan.FromSeconds(20));
        Assert.Equal(expected, region);
        foreach (var code in codes)
        {
            var added = AddedPerDepartment * UnitsPerEstablishment;
            Assert.Equal((before[code].Installed + added * InstalledPerUnit, before[code].Units + added),
                Totals(await admin.GetJsonAsync($"/api/departments/{code}")));
        }
        // Each starting state was recorded once, as its unit's first input, by the request that stored it.
        Assert.Equal(fileUnits, await Db.ScalarAsync<long>(fixture.Database,
            "SELECT count(*) FROM bedcoord_audit WHERE action = 'unit.beds' AND scope_id LIKE '%/interrompu-%'"));
    }

    private static (int Installed, int Units) Totals(JsonElement summary) => (summary.Int("beds", "installed"), summary.Int("freshness", "units"));

    // New establishments in every département of the region, under the sectors they already belong to.
    private static string NewEstablishmentsIn(JsonElement region)
    {
        var unit = $$$"""{"id":"interrompu-{0}","name":"Service {0}","category":"MED","initial":{"installed":{{{InstalledPerUnit}}},"closed":0,"surge":0,"occupied":7,"reserved":0,"expectedDischarges":1}}""";
        var sectors = region.GetProperty("sectors").EnumerateArray().Select(s =>
        {
            var departments = s.GetProperty("departments").EnumerateArray().Select(d =>
            {
                var code = d.GetProperty("code").GetString()!;
                var establishments = Enumerable.Range(1, AddedPerDepartment).Select(i =>
                    $$"""{"id":"{{code}}99{{i:D5}}","name":"Établissement d'essai {{i}}","category":"CH","emergencyDepartment":false,"units":[{{string.Join(",", Enumerable.Range(1, UnitsPerEstablishment).Select(u => unit.Replace("{0}", u.ToString())))}}]}""");
                return $$"""{"code":"{{code}}","name":{{JsonSerializer.Serialize(d.GetProperty("name").GetString())}},"establishments":[{{string.Join(",", establishments)}}]}""";
            });
            return $$"""{"id":"{{s.GetProperty("id").GetString()}}","name":{{JsonSerializer.Serialize(s.GetProperty("name").GetString())}},"departments":[{{string.Join(",", departments)}}]}""";
        });
        return $$"""{"regions":[{"id":"OCC","name":"Occitanie","sectors":[{{string.Join(",", sectors)}}]}]}""";
    }
}
