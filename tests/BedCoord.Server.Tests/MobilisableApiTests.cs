using System.Net;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>Mobilisable capacity end to end: stated on a unit, summed at every scope, refused when wrong, searched apart.</summary>
public sealed class MobilisableApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    // CH Ariège Couserans (09, sector SUD): has MCO, SMR and PSY units in the demo data.
    private const string Finess = "090000183";
    private const string Elsewhere = "340785161"; // Lapeyronie, CHU Montpellier (34), outside the bed manager's token
    private ServerProcess Server => fixture.Server;

    private static readonly string[] Scopes =
        [$"/api/establishments/{Finess}/units/smr", $"/api/establishments/{Finess}", "/api/departments/09", "/api/sectors/SUD", "/api/regions/OCC"];

    private static JsonElement Mobilisable(JsonElement summary) => summary.GetProperty("beds").GetProperty("mobilisable");

    private static string Body(JsonElement beds, string extra) =>
        $$"""{"installed":{{beds.Int("installed")}},"closed":{{beds.Int("closed")}},"surge":{{beds.Int("surge")}},"occupied":{{beds.Int("occupied")}},"reserved":{{beds.Int("reserved")}},"expectedDischarges":{{beds.Int("expectedDischarges")}}{{extra}}}""";

    [Fact]
    public async Task A_units_mobilisable_beds_show_in_the_sums_of_the_unit_establishment_departement_sector_and_region()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var unit = await manager.GetJsonAsync(Scopes[0]);
        var beds = unit.GetProperty("beds");
        var closed = beds.Int("closed");
        Assert.True(closed >= 1, "the demo SMR unit of 090000183 has closed beds");
        await manager.ReachedRegionAsync(Finess);
        var before = new List<(int Total, int Within24h, int WithoutStaff24h)>();
        foreach (var path in Scopes) before.Add(Read(await manager.GetJsonAsync(path)));

        var response = await manager.PutJsonAsync($"/api/establishments/{Finess}/units/smr/beds", Body(beds,
            $$""","reopenable":{{closed}},"reopenableWithinHours":24,"surgeWithoutStaff":3,"surgeWithoutStaffWithinHours":24,"surgeWithStaff":4,"surgeWithStaffWithinHours":72"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await manager.ReachedRegionAsync(Finess);
        var unitBefore = before[0];
        var (total, within24h, withoutStaff24h) = (closed + 3 + 4, closed + 3, 3);
        for (var i = 0; i < Scopes.Length; i++)
        {
            var after = Read(await manager.GetJsonAsync(Scopes[i]));
            Assert.Equal(before[i].Total - unitBefore.Total + total, after.Total);
            Assert.Equal(before[i].Within24h - unitBefore.Within24h + within24h, after.Within24h);
            Assert.Equal(before[i].WithoutStaff24h - unitBefore.WithoutStaff24h + withoutStaff24h, after.WithoutStaff24h);
        }
        var region = await manager.GetJsonAsync("/api/regions/OCC");
        Assert.True(region.GetProperty("categories").GetProperty("SMR").GetProperty("mobilisable").GetProperty("total").GetInt32() >= total);
        // Mobilisable beds are never open beds: the unit's available count is what it was.
        Assert.Equal(unit.Available(), (await manager.GetJsonAsync(Scopes[0])).Available());
    }

    private static (int Total, int Within24h, int WithoutStaff24h) Read(JsonElement summary)
    {
        var m = Mobilisable(summary);
        return (m.Int("total"), m.Int("within24h", "total"), m.Int("within24h", "surgeWithoutStaff"));
    }

    [Fact]
    public async Task More_reopenable_beds_than_closed_ones_is_refused_naming_reopenable_and_changes_nothing()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var unit = await manager.GetJsonAsync($"/api/establishments/{Finess}/units/psy");
        var beds = unit.GetProperty("beds");

        var response = await manager.PutJsonAsync($"/api/establishments/{Finess}/units/psy/beds",
            Body(beds, $$""","reopenable":{{beds.Int("closed") + 1}},"surgeWithStaff":2"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(["reopenable"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var after = await manager.GetJsonAsync($"/api/establishments/{Finess}/units/psy");
        Assert.Equal(unit.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal(Mobilisable(unit).GetRawText(), Mobilisable(after).GetRawText());
    }

    [Theory]
    [InlineData(""","surgeWithStaff":5001""", "surgeWithStaff")]
    [InlineData(""","surgeWithoutStaff":-1""", "surgeWithoutStaff")]
    [InlineData(""","surgeWithStaff":2,"surgeWithStaffWithinHours":48""", "surgeWithStaffWithinHours")]
    [InlineData(""","reopenable":"2" """, "reopenable")]
    [InlineData(""","mobilisable":{"total":3}""", "mobilisable")]
    public async Task Wrong_mobilisable_fields_are_refused_by_name(string extra, string field)
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var beds = (await manager.GetJsonAsync($"/api/establishments/{Finess}/units/psy")).GetProperty("beds");

        var response = await manager.PutJsonAsync($"/api/establishments/{Finess}/units/psy/beds", Body(beds, extra));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_bed_manager_cannot_state_mobilisable_beds_outside_their_establishments()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var unit = await manager.GetJsonAsync($"/api/establishments/{Elsewhere}/units/med");
        var beds = unit.GetProperty("beds");

        var response = await manager.PutJsonAsync($"/api/establishments/{Elsewhere}/units/med/beds", Body(beds, ""","surgeWithStaff":9"""));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var after = await manager.GetJsonAsync($"/api/establishments/{Elsewhere}/units/med");
        Assert.Equal(Mobilisable(unit).GetRawText(), Mobilisable(after).GetRawText());
    }

    [Fact]
    public async Task Search_shows_mobilisable_beds_apart_from_available_ones_only_when_asked()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var beds = (await manager.GetJsonAsync($"/api/establishments/{Finess}/units/chir")).GetProperty("beds");
        // No CHIR bed left, but six that could be set up with added staff.
        var full = $$"""{"installed":{{beds.Int("installed")}},"closed":0,"surge":0,"occupied":{{beds.Int("installed")}},"reserved":0,"expectedDischarges":0,"surgeWithStaff":6,"surgeWithStaffWithinHours":24}""";
        Assert.Equal(HttpStatusCode.OK, (await manager.PutJsonAsync($"/api/establishments/{Finess}/units/chir/beds", full)).StatusCode);
        await manager.ReachedRegionAsync(Finess);

        var plain = await manager.GetJsonAsync("/api/search?category=CHIR&department=09");
        var withMobilisable = await manager.GetJsonAsync("/api/search?category=CHIR&department=09&includeMobilisable=true");

        Assert.DoesNotContain(plain.EnumerateArray(), r => r.GetProperty("establishmentId").GetString() == Finess);
        Assert.All(plain.EnumerateArray(), r => Assert.False(r.TryGetProperty("mobilisable", out _)));
        var row = withMobilisable.EnumerateArray().Single(r => r.GetProperty("establishmentId").GetString() == Finess);
        Assert.Equal(0, row.GetProperty("available").GetInt32());
        Assert.Equal(6, row.Int("mobilisable", "total"));
        Assert.Equal(6, row.Int("mobilisable", "within24h", "surgeWithStaff"));
        // Beds free now are listed before beds that could be opened.
        var rows = withMobilisable.EnumerateArray().ToList();
        Assert.True(rows.FindIndex(r => r.GetProperty("available").GetInt32() == 0) >= rows.FindLastIndex(r => r.GetProperty("available").GetInt32() > 0));
        var bad = await manager.GetAsync("/api/search?category=CHIR&includeMobilisable=maybe", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.ProblemAsync()).GetProperty("errors").TryGetProperty("includeMobilisable", out _));
    }
}
