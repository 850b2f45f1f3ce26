// The SDK's POCOs make every element nullable; these tests walk what the server just answered.
#nullable disable warnings
using System.Net;
using BedCoord.Exchange.Codes;
using BedCoord.Exchange.Fhir;
using BedCoord.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace BedCoord.Server.Tests;

/// <summary>The FHIR R4 read API end to end: metadata, Location/Organization search and paging, MeasureReports.</summary>
public sealed class FhirReadApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Finess = "090000183"; // CH Ariège Couserans, département 09
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task The_capability_statement_is_public_and_answers_json_or_xml()
    {
        using var anonymous = new HttpClient { BaseAddress = Server.BaseAddress };

        var json = await anonymous.GetAsync("/fhir/r4/metadata", TestContext.Current.CancellationToken);
        var xml = await anonymous.GetAsync("/fhir/r4/metadata?_format=xml", TestContext.Current.CancellationToken);

        Assert.Equal("application/fhir+json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/fhir+xml", xml.Content.Headers.ContentType?.MediaType);
        var statement = (CapabilityStatement)FhirFormat.TryParse(await xml.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), FhirWireFormat.Xml, out _)!;
        Assert.Equal(["Organization", "Location", "MeasureReport"], statement.Rest[0].Resource.Select(r => r.Type));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/fhir/r4/Location", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task An_establishments_units_are_locations_with_the_same_figures_as_the_json_api()
    {
        using var viewer = await Server.ClientAsync("viewer");
        var establishment = await viewer.GetJsonAsync($"/api/establishments/{Finess}");

        var bundle = await viewer.GetFhirAsync<Bundle>($"/fhir/r4/Location?organization=Organization/{Finess}&_count=100");

        var units = bundle.Entry.Select(e => (Location)e.Resource).Where(l => l.Mode == Location.LocationMode.Instance).ToList();
        Assert.Equal(establishment.GetProperty("children").GetArrayLength(), units.Count);
        foreach (var child in establishment.GetProperty("children").EnumerateArray())
        {
            var location = units.Single(l => l.Id == $"{Finess}-{child.GetProperty("id").GetString()}");
            Assert.Equal(child.Available(), location.Count(RorCodes.Available));
            Assert.Equal(child.Int("beds", "occupied"), location.Count(RorCodes.Occupied));
            Assert.Equal(child.GetProperty("updatedAt").GetDateTimeOffset().ToUnixTimeSeconds(), location.Meta.LastUpdated!.Value.ToUnixTimeSeconds());
            Assert.Equal($"Location/establishment-{Finess}", location.PartOf.Reference);
        }
    }

    [Fact]
    public async Task Paging_through_a_departement_with_next_links_visits_every_location_once()
    {
        using var viewer = await Server.ClientAsync("viewer");
        var seen = new List<string>();
        var url = "/fhir/r4/Location?address-postalcode=09&_count=7";
        int? total = null;
        while (url is not null)
        {
            var page = await viewer.GetFhirAsync<Bundle>(url);
            total ??= page.Total;
            Assert.True(page.Entry.Count <= 7);
            seen.AddRange(page.Entry.Select(e => e.Resource.Id));
            Assert.All(page.Entry, e => Assert.Equal("09", ((Location)e.Resource).Address.District));
            url = page.Link.FirstOrDefault(l => l.Relation == "next")?.Url is { } next ? new Uri(next).PathAndQuery : null;
        }
        Assert.Equal(total, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Contains("department-09", seen);
        Assert.Contains($"establishment-{Finess}", seen);
    }

    [Fact]
    public async Task Last_updated_finds_the_unit_just_written_and_not_the_others()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        // Other tests of this class write the psy unit: let two seconds pass so that "since" (whole seconds) is after them.
        await Task.Delay(TimeSpan.FromSeconds(2.1), TestContext.Current.CancellationToken);
        var since = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.OK, (await manager.PutJsonAsync($"/api/establishments/{Finess}/units/smr/beds", Json.Beds(60, 0, 0, 30, 0, 0))).StatusCode);

        var bundle = await manager.GetFhirAsync<Bundle>($"/fhir/r4/Location?organization={Finess}&_lastUpdated=ge{since.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z");

        Assert.Contains($"{Finess}-smr", bundle.Entry.Select(e => e.Resource.Id));
        Assert.DoesNotContain($"{Finess}-psy", bundle.Entry.Select(e => e.Resource.Id));
    }

    [Fact]
    public async Task An_establishment_is_found_by_its_finess_identifier()
    {
        using var viewer = await Server.ClientAsync("viewer");

        var bundle = await viewer.GetFhirAsync<Bundle>($"/fhir/r4/Organization?identifier={IdentifierSystems.Finess}|{Finess}");
        var byIdNat = await viewer.GetFhirAsync<Bundle>($"/fhir/r4/Organization?identifier={IdentifierSystems.IdNatStruct}|1{Finess}");

        var organization = (Organization)Assert.Single(bundle.Entry).Resource;
        Assert.Equal(Finess, organization.Id);
        Assert.Equal("09", organization.Address[0].District);
        Assert.Equal(Finess, Assert.Single(byIdNat.Entry).Resource.Id);
        Assert.Equal(Finess, (await viewer.GetFhirAsync<Organization>($"/fhir/r4/Organization/{Finess}")).Id);
    }

    [Fact]
    public async Task The_measure_reports_of_a_departement_count_what_the_json_api_shows()
    {
        using var viewer = await Server.ClientAsync("viewer");
        var department = await viewer.GetJsonAsync("/api/departments/09");

        var bundle = await viewer.GetFhirAsync<Bundle>("/fhir/r4/MeasureReport?subject=department/09");

        Assert.Equal(2, bundle.Entry.Count);
        var cdc = (MeasureReport)bundle.Entry[0].Resource;
        Assert.Equal(SanerCodes.CdcMeasure, cdc.Measure);
        Assert.Equal("Location/department-09", cdc.Subject.Reference);
        var bedcoord = (MeasureReport)bundle.Entry[1].Resource;
        var populations = bedcoord.Group[0].Population.ToDictionary(p => p.Code.Coding[0].Code, p => p.Count);
        Assert.Equal(department.Available(), populations["available"]);
        Assert.Equal(department.Int("beds", "occupied"), populations["occupied"]);
        Assert.Equal(department.GetProperty("edWaitingForBed").GetInt32(), populations["edWaitingForBed"]);
        // The department node the reports are about resolves.
        Assert.Equal("Ariège", (await viewer.GetFhirAsync<Location>("/fhir/r4/Location/department-09")).Name);
    }

    [Fact]
    public async Task A_past_period_answers_the_figures_of_then_from_history()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        Assert.Equal(HttpStatusCode.OK, (await manager.PutJsonAsync($"/api/establishments/{Finess}/units/psy/beds", Json.Beds(80, 0, 0, 71, 0, 0))).StatusCode);
        await Task.Delay(1100, TestContext.Current.CancellationToken);
        var then = DateTimeOffset.UtcNow;
        await Task.Delay(1100, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await manager.PutJsonAsync($"/api/establishments/{Finess}/units/psy/beds", Json.Beds(80, 0, 0, 50, 0, 0))).StatusCode);

        var past = await manager.GetFhirAsync<Bundle>($"/fhir/r4/MeasureReport?subject=establishment/{Finess}&period=lt{then.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z");
        var now = await manager.GetFhirAsync<Bundle>($"/fhir/r4/MeasureReport?subject=establishment/{Finess}");

        int Psy(Bundle b) => ((MeasureReport)b.Entry[1].Resource).Group[0].Stratifier[0].Stratum
            .Single(s => s.Component[0].Value.Text == "PSY").Population.Single(p => p.Code.Coding[0].Code == "occupied").Count!.Value;
        Assert.Equal(71, Psy(past));
        Assert.Equal(50, Psy(now));
        Assert.True(((MeasureReport)past.Entry[0].Resource).Period.EndElement.ToDateTimeOffset(TimeSpan.Zero) < then);
    }

    [Theory]
    [InlineData("/fhir/r4/Location?colour=blue", 400, "Location?colour")]
    [InlineData("/fhir/r4/Location?_count=many", 400, "Location?_count")]
    [InlineData("/fhir/r4/Location?_lastUpdated=yesterday", 400, "Location?_lastUpdated")]
    [InlineData("/fhir/r4/MeasureReport?subject=planet/earth", 400, null)]
    [InlineData("/fhir/r4/MeasureReport?subject=department/99", 404, null)]
    [InlineData("/fhir/r4/Location/090000183-nowhere", 404, null)]
    [InlineData("/fhir/r4/Organization/000000000", 404, null)]
    public async Task Bad_searches_and_unknown_ids_answer_an_operation_outcome(string path, int status, string? expression)
    {
        using var viewer = await Server.ClientAsync("viewer");

        var (response, resource) = await viewer.FhirAsync(HttpMethod.Get, path);

        Assert.Equal(status, (int)response.StatusCode);
        var issue = FhirClient.SingleIssue(resource);
        if (expression is not null) Assert.Equal(expression, Assert.Single(issue.Expression));
    }
}
