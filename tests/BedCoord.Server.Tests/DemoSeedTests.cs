using System.Text.Json;
using System.Text.RegularExpressions;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>
/// The demo a newcomer opens looks like a winter week: BJML computable for most emergency departments and
/// "non calculable" with one whole reason for a few, contact lines, patients waiting for a bed, all of it
/// in the audit trail that history and replay are derived from.
/// </summary>
public sealed partial class DemoSeedTests(FreshlySeededServerFixture fixture, PostgresFixture postgres) : IClassFixture<FreshlySeededServerFixture>
{
    private ServerProcess Server => fixture.Server;

    [GeneratedRegex(@"^0(4 65 71|5 36 49) \d\d \d\d$")]
    private static partial Regex FictionPhone();

    private async Task<(List<JsonElement> Establishments, HashSet<string> WithEd)> EstablishmentsAsync(HttpClient http)
    {
        var territory = await http.GetJsonAsync("/api/territory");
        var departments = territory.GetProperty("regions")[0].GetProperty("sectors").EnumerateArray()
            .SelectMany(s => s.GetProperty("departments").EnumerateArray()).ToList();
        var withEd = departments.SelectMany(d => d.GetProperty("establishments").EnumerateArray())
            .Where(e => e.GetProperty("emergencyDepartment").GetBoolean()).Select(e => e.GetProperty("id").GetString()!).ToHashSet();
        var establishments = new List<JsonElement>();
        foreach (var d in departments)
            establishments.AddRange((await http.GetJsonAsync($"/api/departments/{d.GetProperty("code").GetString()}")).GetProperty("children").EnumerateArray());
        return (establishments, withEd);
    }

    [Fact]
    public async Task Bjml_is_computable_for_most_emergency_departments_and_a_few_say_once_and_in_full_why_not()
    {
        using var viewer = await Server.ClientAsync("viewer");
        var (establishments, withEd) = await EstablishmentsAsync(viewer);
        Assert.Equal(326, establishments.Count);
        Assert.True(withEd.Count > 50, $"{withEd.Count} establishments with an ED");

        var ed = establishments.Where(e => withEd.Contains(e.GetProperty("id").GetString()!)).ToList();
        var computable = ed.Where(e => e.GetProperty("bjml").GetProperty("computable").GetBoolean()).ToList();
        var notComputable = ed.Except(computable).ToList();
        Assert.True(computable.Count >= ed.Count * 0.85, $"{computable.Count} of {ed.Count} computable");
        Assert.InRange(notComputable.Count, 2, ed.Count / 8);
        Assert.All(computable, e => Assert.InRange(e.GetProperty("bjml").GetProperty("value").GetInt32(), 1, 200));

        var reasons = notComputable.Select(e => e.GetProperty("bjml").GetProperty("reason").GetString()!).ToList();
        Assert.All(reasons, r => Assert.DoesNotContain("non calculable", r, StringComparison.OrdinalIgnoreCase));
        // Both kinds are there, each reason whole: a recent ED has one reference year, poor RPUs carry their note.
        Assert.Contains(reasons, r => Regex.IsMatch(r, @"^Seulement 7 jour\(s\) d'admissions connus pour la semaine \d+ des années \d{4}, \d{4}, \d{4} ; il en faut au moins 14$"));
        Assert.Contains(reasons, r => r.StartsWith("Qualité des RPU signalée insuffisante pour cet établissement : ") && r.EndsWith("(donnée de démonstration)"));

        // The admissions endpoint answers the same as the summary: the seed went through the API's store.
        var recent = notComputable.First(e => e.GetProperty("bjml").GetProperty("reason").GetString()!.StartsWith("Seulement"));
        var bjml = await viewer.GetJsonAsync($"/api/establishments/{recent.GetProperty("id").GetString()}/bjml");
        Assert.Equal(7, bjml.GetProperty("samples").GetInt32());

        // Without an ED the BJML does not apply; a département sums its computable ones.
        Assert.All(establishments.Where(e => !withEd.Contains(e.GetProperty("id").GetString()!)),
            e => Assert.Equal(JsonValueKind.Null, e.GetProperty("bjml").ValueKind));
        var haute = (await viewer.GetJsonAsync("/api/departments/31")).GetProperty("bjml");
        Assert.True(haute.GetProperty("computable").GetBoolean(), haute.ToString());
    }

    [Fact]
    public async Task Every_establishment_has_a_fictional_duty_roster_and_emergency_departments_have_patients_waiting()
    {
        using var viewer = await Server.ClientAsync("viewer");
        var (establishments, withEd) = await EstablishmentsAsync(viewer);

        // Several contacts each (issue 10 item 6); the administrator on call 24/365 means someone is always on duty.
        Assert.All(establishments, e =>
        {
            var roster = e.GetProperty("contacts").EnumerateArray().ToList();
            Assert.InRange(roster.Count, 3, 4);
            Assert.Equal(roster[0].GetRawText(), e.GetProperty("contact").GetRawText());
            Assert.All(roster, c =>
            {
                Assert.Matches(FictionPhone(), c.GetProperty("phone").GetString()!);
                Assert.EndsWith("(fictif)", c.GetProperty("bedManager").GetString()!);
                Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("hours").GetString()));
                Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("role").GetString()));
            });
        });
        var found = await viewer.GetJsonAsync("/api/search?category=MED&region=OCC&limit=50");
        Assert.Contains(found.EnumerateArray(), r => r.TryGetProperty("contact", out var c) && c.ValueKind == JsonValueKind.Object);

        var ed = establishments.Where(e => withEd.Contains(e.GetProperty("id").GetString()!)).ToList();
        Assert.True(ed.Count(e => e.GetProperty("edWaitingForBed").GetInt32() > 0) >= ed.Count * 0.8,
            string.Join(", ", ed.Select(e => e.GetProperty("edWaitingForBed").GetInt32())));
        Assert.True(ed.Count(e => e.GetProperty("bedBlockers").GetInt32() > 0) >= ed.Count * 0.8);
        Assert.All(establishments.Except(ed), e => Assert.Equal(0, e.GetProperty("edWaitingForBed").GetInt32()));
        var region = await viewer.GetJsonAsync("/api/regions/OCC");
        Assert.Equal(ed.Sum(e => e.GetProperty("edWaitingForBed").GetInt32()), region.GetProperty("edWaitingForBed").GetInt32());
    }

    [Fact]
    public async Task What_the_seed_writes_is_in_the_audit_trail_as_the_api_would_write_it()
    {
        using var supervisor = await Server.ClientAsync("supervisor", region: "OCC");
        var (establishments, withEd) = await EstablishmentsAsync(supervisor);
        // One whose bedBlockers is the declared figure, not a demo register's count.
        var site = establishments.First(e => withEd.Contains(e.GetProperty("id").GetString()!) && e.GetProperty("edWaitingForBed").GetInt32() > 0
            && e.GetProperty("bedBlockersSource").GetString() == "declared");
        var id = site.GetProperty("id").GetString()!;

        var trail = await supervisor.GetJsonAsync($"/api/audit?scope=establishment:{id}&limit=1000");
        var actions = trail.EnumerateArray().Where(a => a.GetProperty("actor").GetString() == "demo-seed")
            .GroupBy(a => a.GetProperty("action").GetString()!).ToDictionary(g => g.Key, g => g.ToList());
        var emergency = Assert.Single(actions["establishment.emergency"]);
        Assert.Equal(site.GetProperty("edWaitingForBed").GetInt32(), emergency.GetProperty("after").GetProperty("edWaitingForBed").GetInt32());
        Assert.Equal(site.GetProperty("bedBlockers").GetInt32(), emergency.GetProperty("after").GetProperty("bedBlockers").GetInt32());
        var admissions = Assert.Single(actions["bjml.ed-admissions"]);
        Assert.True(admissions.GetProperty("after").GetProperty("imported").GetInt32() > 365, admissions.ToString());
        Assert.True(actions["unit.beds"].Count >= 2);
    }

    [Fact]
    public async Task A_restart_seeds_nothing_twice()
    {
        var db = await postgres.CreateDatabaseAsync();
        const string count = "SELECT count(*) FROM bedcoord_audit WHERE actor = 'demo-seed' AND action IN ('bjml.ed-admissions', 'establishment.emergency', 'establishment.contact', 'establishment.contacts')";
        long first;
        await using (var server = await ServerProcess.StartAsync(db))
        {
            first = await Db.ScalarAsync<long>(db, count);
            await server.StopAsync();
        }
        Assert.True(first > 300, $"{first} seed writes");

        await using var again = await ServerProcess.StartAsync(db);
        Assert.Equal(first, await Db.ScalarAsync<long>(db, count));
    }
}
