using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>A demo server with its crisis cell at work (Demo:Crisis, off in the other test servers).</summary>
public sealed class DemoCellFixture(PostgresFixture postgres) : ServerFixture(postgres)
{
    protected override IDictionary<string, string>? Settings => new Dictionary<string, string> { ["Demo:Crisis"] = "true" };
}

/// <summary>The demo a newcomer opens shows a crisis cell at work (issue 10): declarations with measures, registers, requests, a day of main courante.</summary>
public sealed class DemoCellTests(DemoCellFixture fixture) : IClassFixture<DemoCellFixture>
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task The_demo_shows_a_cell_at_work_with_registers_requests_a_day_of_main_courante_and_contacts_on_duty()
    {
        using var viewer = await Server.ClientAsync("supervisor", region: "OCC");
        // The crisis demo runs once the grid is seeded: wait for its last step, the point de situation.
        var log = await Eventually.ValueAsync(() => viewer.GetJsonAsync("/api/departments/31/logbook?limit=500"),
            l => l.EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "point"), TimeSpan.FromSeconds(240));
        var entries = log.EnumerateArray().ToList();
        var kinds = entries.Select(e => e.GetProperty("kind").GetString()!).ToHashSet();
        Assert.Superset(new HashSet<string> { "info-in", "info-out", "decision", "action", "point" }, kinds);
        Assert.Equal(["to-verify", "verified", "verifying"], entries.Where(e => e.GetProperty("kind").GetString() == "info-in")
            .Select(e => e.GetProperty("check").GetString()!).Distinct().Order());
        var times = entries.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.True(times.Max() - times.Min() > TimeSpan.FromHours(20), "a day of entries");
        Assert.True((await viewer.GetJsonAsync("/api/departments/31/logbook/verify")).GetProperty("valid").GetBoolean());

        // Plans blancs and PMI in force, each with measures in progress and a register with lines; requests open to both cells.
        var in31 = await viewer.GetJsonAsync("/api/departments/31/cell");
        var in34 = await viewer.GetJsonAsync("/api/departments/34/cell");
        var declared = in31.GetProperty("declarations").EnumerateArray().Concat(in34.GetProperty("declarations").EnumerateArray()).ToList();
        Assert.Contains(declared, d => d.GetProperty("reason").GetString()!.StartsWith("Plan blanc"));
        Assert.Contains(declared, d => d.GetProperty("reason").GetString()!.StartsWith("PMI"));
        Assert.True(in31.GetProperty("openRequests").GetArrayLength() >= 2 && in34.GetProperty("openRequests").GetArrayLength() >= 1);
        Assert.Contains(in31.GetProperty("openMeasures").EnumerateArray(), m => m.GetProperty("status").GetString() == "engaged");
        foreach (var d in declared.Where(d => d.GetProperty("scope").GetString() == "establishment"))
        {
            var id = d.GetProperty("scopeId").GetString()!;
            var establishment = await viewer.GetJsonAsync($"/api/establishments/{id}");
            var lines = (await viewer.GetJsonAsync($"/api/establishments/{id}/bed-blockers")).GetArrayLength();
            Assert.InRange(lines, 3, 7);
            Assert.Equal(("register", lines), (establishment.GetProperty("bedBlockersSource").GetString(), establishment.GetProperty("bedBlockers").GetInt32()));
            // Someone to call now, fictitious, with the others listed after.
            var contacts = establishment.GetProperty("contacts").EnumerateArray().ToList();
            Assert.True(contacts.Count >= 3);
            Assert.Equal(contacts[0].GetRawText(), establishment.GetProperty("contact").GetRawText());
            Assert.EndsWith("(fictif)", contacts[0].GetProperty("bedManager").GetString()!);
        }
        // The register rolls up: the département's destinations and waits count the demo lines.
        var department = await viewer.GetJsonAsync("/api/departments/31");
        Assert.Equal("mixed", department.GetProperty("bedBlockersSource").GetString());
        Assert.True(department.GetProperty("bedBlockersByWait").EnumerateObject().Count(b => b.Value.GetInt32() > 0) >= 3, department.GetProperty("bedBlockersByWait").ToString());
    }
}
