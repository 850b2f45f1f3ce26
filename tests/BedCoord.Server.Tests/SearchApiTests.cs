using System.Net;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>GET /api/search: a physician looking for a bed of a category.</summary>
public sealed class SearchApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task Near_me_lists_establishments_with_available_beds_of_that_category_nearest_first_with_their_contact()
    {
        using var physician = await Server.ClientAsync("viewer");
        using var manager = await Server.ClientAsync("bed-manager", establishments: ["310783048"]);
        Assert.Equal(HttpStatusCode.OK, (await manager.PutJsonAsync("/api/establishments/310783048/contact",
            """{"bedManager":"Dr Martin","phone":"05 61 00 00 00","hours":"8 h - 20 h"}""")).StatusCode);
        // Purpan must be in the results for its contact to be checked: give one of its REA units a free bed.
        var rea = (await manager.GetJsonAsync("/api/establishments/310783048")).GetProperty("children").EnumerateArray()
            .First(u => u.GetProperty("category").GetString() == "REA");
        Assert.Equal(HttpStatusCode.OK, (await manager.PutJsonAsync($"/api/establishments/310783048/units/{rea.GetProperty("id").GetString()}/beds",
            Json.Beds(rea.Int("beds", "installed"), 0, 0, Math.Max(0, rea.Int("beds", "installed") - 2), 0, 0))).StatusCode);
        // Search starts from the départements' copies of their establishments, which follow the write within moments.
        await manager.ReachedRegionAsync("310783048");

        var results = (await physician.GetJsonAsync("/api/search?category=REA&department=31&near=43.60,1.44&limit=50")).EnumerateArray().ToList();

        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.True(r.GetProperty("available").GetInt32() > 0));
        Assert.All(results, r => Assert.Equal("31", r.GetProperty("departmentCode").GetString()));
        var distances = results.Select(r => r.GetProperty("distanceKm").GetDouble()).ToList();
        Assert.Equal(distances.Order(), distances);
        var purpan = Assert.Single(results, r => r.GetProperty("establishmentId").GetString() == "310783048");
        Assert.Equal("Dr Martin", purpan.GetProperty("contact").GetProperty("bedManager").GetString());
    }

    [Fact]
    public async Task Without_near_the_most_available_come_first_and_a_full_establishment_drops_out()
    {
        using var physician = await Server.ClientAsync("viewer");
        var before = (await physician.GetJsonAsync("/api/search?category=SMR&sector=NORD&limit=200")).EnumerateArray().ToList();
        var available = before.Select(r => r.GetProperty("available").GetInt32()).ToList();
        Assert.Equal(available.OrderDescending(), available);

        // Fill every SMR bed of the first result: it leaves the list.
        var first = before[0].GetProperty("establishmentId").GetString()!;
        using var admin = await Server.ClientAsync("admin");
        var smr = (await admin.GetJsonAsync($"/api/establishments/{first}")).GetProperty("children").EnumerateArray()
            .Where(u => u.GetProperty("category").GetString() == "SMR");
        foreach (var unit in smr)
        {
            var open = unit.Int("beds", "installed");
            Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"/api/establishments/{first}/units/{unit.GetProperty("id").GetString()}/beds",
                Json.Beds(open, 0, 0, open, 0, 0))).StatusCode);
        }
        await admin.ReachedRegionAsync(first);
        var after = (await physician.GetJsonAsync("/api/search?category=SMR&sector=NORD&limit=200")).EnumerateArray();
        Assert.DoesNotContain(after, r => r.GetProperty("establishmentId").GetString() == first);
    }

    [Theory]
    [InlineData("/api/search", "category")]
    [InlineData("/api/search?category=XYZ", "category")]
    [InlineData("/api/search?category=REA&department=99", "department")]
    [InlineData("/api/search?category=REA&department=31&sector=NORD", "department")]
    [InlineData("/api/search?category=REA&near=abc", "near")]
    [InlineData("/api/search?category=REA&near=95,1", "near")]
    [InlineData("/api/search?category=REA&limit=0", "limit")]
    public async Task Bad_search_parameters_are_refused_naming_the_parameter(string url, string field)
    {
        using var physician = await Server.ClientAsync("viewer");
        var response = await physician.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
