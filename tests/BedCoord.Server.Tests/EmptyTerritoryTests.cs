using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BedCoord.Testing;

namespace BedCoord.Server.Tests;

/// <summary>A fresh deployment (no demo, nothing imported) is ready for its first import, and takes it.</summary>
public sealed class EmptyTerritoryTests(EmptyTerritoryTests.EmptyServerFixture fixture) : IClassFixture<EmptyTerritoryTests.EmptyServerFixture>
{
    /// <summary>No demo seed: the territory stays empty until someone imports one.</summary>
    public sealed class EmptyServerFixture(PostgresFixture postgres) : ServerFixture(postgres)
    {
        protected override IDictionary<string, string>? Settings => new Dictionary<string, string> { ["Demo:Seed"] = "false" };
    }

    private ServerProcess Server => fixture.Server;

    private const string Document = """
        {"regions":[{"id":"GUA","name":"Guadeloupe","sectors":[{"id":"GUA-1","name":"Guadeloupe","departments":[
          {"code":"971","name":"Guadeloupe","establishments":[
            {"id":"970100001","name":"CHU d'essai","category":"CHU","emergencyDepartment":true,"units":[
              {"id":"med","name":"Médecine","category":"MED",
               "initial":{"installed":30,"closed":0,"surge":0,"occupied":21,"reserved":0,"expectedDischarges":2}}]}]}]}]}]}
        """;

    [Fact]
    public async Task An_empty_territory_is_ready_and_says_so_then_takes_its_first_import()
    {
        using var anonymous = new HttpClient { BaseAddress = Server.BaseAddress };

        // The fixture waited for /health/ready itself: with nothing imported, the server is ready all the same.
        var ready = await anonymous.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("empty", body.GetProperty("territory").GetString());

        using var admin = await Server.ClientAsync("admin", region: null);
        Assert.Equal(0, (await admin.GetJsonAsync("/api/territory")).GetProperty("regions").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/regions/OCC", TestContext.Current.CancellationToken)).StatusCode);

        var import = await admin.PostAsync("/api/admin/territory", new StringContent(Document, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);

        // The establishment holds its units at the answer; its report climbs to the region a moment after.
        var region = await Eventually.ValueAsync(() => admin.GetJsonAsync("/api/regions/GUA"), r => r.Available() == 9, TimeSpan.FromSeconds(10));
        Assert.Equal(9, region.Available());
        var after = await (await anonymous.GetAsync("/health/ready", TestContext.Current.CancellationToken)).Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("loaded", after.GetProperty("territory").GetString());
    }
}
