// The SDK's POCOs make every element nullable; these tests walk what the server just answered.
#nullable disable warnings
using System.Net;
using BedCoord.Exchange.Codes;
using BedCoord.Testing;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace BedCoord.Server.Tests;

/// <summary>ROR-style updates in: PUT Location and transaction/batch Bundles, with the JSON API's rules.</summary>
public sealed class FhirWriteApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Finess = "090000183"; // CH Ariège Couserans, département 09
    private ServerProcess Server => fixture.Server;

    private async Task<(HttpClient Client, Location Unit)> ManagerWith(string unit, string sub = "test-user")
    {
        var client = await Server.ClientAsync("bed-manager", establishments: [Finess], sub: sub);
        return (client, await client.GetFhirAsync<Location>($"/fhir/r4/Location/{Finess}-{unit}"));
    }

    private static Bundle Transaction(Bundle.BundleType type, params Location[] locations)
    {
        var bundle = new Bundle { Type = type };
        foreach (var location in locations)
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                Resource = location,
                Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = $"Location/{location.Id}" },
            });
        return bundle;
    }

    [Fact]
    public async Task A_put_location_changes_the_units_beds_audited_and_versioned_like_the_json_put()
    {
        var (client, unit) = await ManagerWith("smr", "fhir-alice");
        using var _ = client;

        var (response, resource) = await client.FhirAsync(HttpMethod.Put, $"/fhir/r4/Location/{unit.Id}",
            unit.WithBeds(60, 2, 1, 41, 3), ifMatch: $"W/\"{unit.Meta.VersionId}\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var version = long.Parse(unit.Meta.VersionId!) + 1;
        Assert.Equal($"W/\"{version}\"", response.Headers.ETag?.ToString());
        Assert.Equal(15, ((Location)resource!).Count(RorCodes.Available)); // 60 − 2 + 1 − 41 − 3
        var json = await client.GetJsonAsync($"/api/establishments/{Finess}/units/smr");
        Assert.Equal((41, 15, version), (json.Int("beds", "occupied"), json.Available(), json.GetProperty("version").GetInt64()));
        var audit = await Db.StringsAsync(fixture.Database,
            "SELECT action || '|' || scope_id || '|' || (after->>'occupied') FROM bedcoord_audit WHERE actor = 'fhir-alice'");
        Assert.Equal([$"unit.beds|{Finess}/smr|41"], audit);
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_412_and_changes_nothing()
    {
        var (client, unit) = await ManagerWith("psy");
        using var _ = client;
        Assert.Equal(HttpStatusCode.OK, (await client.FhirAsync(HttpMethod.Put, $"/fhir/r4/Location/{unit.Id}", unit.WithBeds(80, 0, 0, 70, 0))).Response.StatusCode);

        var (response, resource) = await client.FhirAsync(HttpMethod.Put, $"/fhir/r4/Location/{unit.Id}", unit.WithBeds(80, 0, 0, 10, 0)); // meta.versionId is the old one

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("Location.meta.versionId", Assert.Single(FhirClient.SingleIssue(resource).Expression));
        Assert.Equal(70, (await client.GetJsonAsync($"/api/establishments/{Finess}/units/psy")).Int("beds", "occupied"));
    }

    [Fact]
    public async Task A_location_outside_the_callers_scope_is_forbidden_and_unchanged()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        using var viewer = await Server.ClientAsync("viewer");
        var bundle = await viewer.GetFhirAsync<Bundle>("/fhir/r4/Location?address-postalcode=31&_count=100");
        var other = bundle.Entry.Select(e => (Location)e.Resource).First(l => l.Mode == Location.LocationMode.Instance);
        Assert.NotEqual($"Organization/{Finess}", other.ManagingOrganization.Reference);
        var before = other.Count(RorCodes.Occupied);

        var (response, resource) = await manager.FhirAsync(HttpMethod.Put, $"/fhir/r4/Location/{other.Id}",
            other.WithBeds(other.Count(RorCodes.Installed), 0, 0, 0, 0));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Forbidden, FhirClient.SingleIssue(resource).Code);
        Assert.Equal(before, (await viewer.GetFhirAsync<Location>($"/fhir/r4/Location/{other.Id}")).Count(RorCodes.Occupied));
    }

    [Fact]
    public async Task Bad_capacities_name_the_faulty_element_and_change_nothing()
    {
        var (client, unit) = await ManagerWith("med");
        using var _ = client;
        var before = (await client.GetJsonAsync($"/api/establishments/{Finess}/units/med")).GetProperty("version").GetInt64();

        // Occupied beyond open beds: domain.md's bound, on the 03 record's count.
        var (overfull, overfullOutcome) = await client.FhirAsync(HttpMethod.Put, $"/fhir/r4/Location/{unit.Id}", unit.WithBeds(20, 0, 0, 25, 0));
        // The derived 02 Disponible sent as input.
        var (derived, derivedOutcome) = await client.FhirAsync(HttpMethod.Put, $"/fhir/r4/Location/{unit.Id}", unit);
        // An unknown status code.
        var unknown = unit.WithBeds(20, 0, 0, 5, 0);
        ((CodeableConcept)unknown.Extension[0].GetExtension(RorCodes.CapacityStatus).Value).Coding[0].Code = "99";
        var (unknownCode, unknownOutcome) = await client.FhirAsync(HttpMethod.Put, $"/fhir/r4/Location/{unit.Id}", unknown);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, overfull.StatusCode);
        Assert.Equal("Location.extension[1].extension('nbCapacity').value", Assert.Single(FhirClient.SingleIssue(overfullOutcome).Expression));
        Assert.Equal(HttpStatusCode.BadRequest, derived.StatusCode);
        Assert.Equal("Location.extension[1].extension('capacityStatus').value", Assert.Single(FhirClient.SingleIssue(derivedOutcome).Expression));
        Assert.Equal(HttpStatusCode.BadRequest, unknownCode.StatusCode);
        Assert.Contains(Assert.IsType<OperationOutcome>(unknownOutcome).Issue, i => i.Code == OperationOutcome.IssueType.CodeInvalid);
        Assert.Equal(before, (await client.GetJsonAsync($"/api/establishments/{Finess}/units/med")).GetProperty("version").GetInt64());
    }

    [Theory]
    [InlineData("application/fhir+json", """{"resourceType":"Location","id":"090000183-med",""")]
    [InlineData("application/fhir+xml", """<Location xmlns="http://hl7.org/fhir"><id value="090000183-med"/>""")]
    [InlineData("application/fhir+json", """{"resourceType":"Patient","id":"090000183-med"}""")]
    [InlineData("application/fhir+json", """{"resourceType":"Location","id":"090000183-med","colour":"blue"}""")]
    [InlineData("text/plain", "installed=30")]
    public async Task Malformed_or_foreign_bodies_answer_an_operation_outcome(string contentType, string body)
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var before = (await manager.GetJsonAsync($"/api/establishments/{Finess}/units/med")).GetProperty("version").GetInt64();

        var response = await manager.PutAsync($"/fhir/r4/Location/{Finess}-med", new StringContent(body, System.Text.Encoding.UTF8, contentType), TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, response.StatusCode.ToString());
        Assert.Contains("OperationOutcome", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(before, (await manager.GetJsonAsync($"/api/establishments/{Finess}/units/med")).GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task A_transaction_applies_every_location_and_answers_a_transaction_response()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var units = (await manager.GetFhirAsync<Bundle>($"/fhir/r4/Location?organization={Finess}&_count=100")).Entry
            .Select(e => (Location)e.Resource).Where(l => l.Mode == Location.LocationMode.Instance).Take(3).ToList();

        var (response, resource) = await manager.FhirAsync(HttpMethod.Post, "/fhir/r4",
            Transaction(Bundle.BundleType.Transaction, units.Select(u => u.WithBeds(40, 1, 0, 30, 2)).ToArray()), format: BedCoord.Exchange.Fhir.FhirWireFormat.Xml);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = Assert.IsType<Bundle>(resource);
        Assert.Equal(Bundle.BundleType.TransactionResponse, answer.Type);
        Assert.All(answer.Entry, e => Assert.Equal("200 OK", e.Response.Status));
        foreach (var unit in units)
            Assert.Equal(7, (await manager.GetFhirAsync<Location>($"/fhir/r4/Location/{unit.Id}")).Count(RorCodes.Available));
    }

    [Fact]
    public async Task A_transaction_with_one_bad_entry_changes_nothing_and_names_the_entry()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var units = (await manager.GetFhirAsync<Bundle>($"/fhir/r4/Location?organization={Finess}&_count=100")).Entry
            .Select(e => (Location)e.Resource).Where(l => l.Mode == Location.LocationMode.Instance).Take(3).ToList();
        var versions = units.Select(u => u.Meta.VersionId).ToList();

        var (response, resource) = await manager.FhirAsync(HttpMethod.Post, "/fhir/r4", Transaction(Bundle.BundleType.Transaction,
            units[0].WithBeds(50, 0, 0, 10, 0), units[1].WithBeds(50, 60, 0, 0, 0), units[2].WithBeds(50, 0, 0, 10, 0)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var issue = FhirClient.SingleIssue(resource);
        Assert.StartsWith("Bundle.entry[1].resource.extension[", Assert.Single(issue.Expression));
        var after = new List<string>();
        foreach (var unit in units) after.Add((await manager.GetFhirAsync<Location>($"/fhir/r4/Location/{unit.Id}")).Meta.VersionId);
        Assert.Equal(versions, after);
    }

    [Fact]
    public async Task A_batch_applies_the_good_entries_and_reports_the_bad_one()
    {
        using var manager = await Server.ClientAsync("bed-manager", establishments: [Finess]);
        var units = (await manager.GetFhirAsync<Bundle>($"/fhir/r4/Location?organization={Finess}&_count=100")).Entry
            .Select(e => (Location)e.Resource).Where(l => l.Mode == Location.LocationMode.Instance).Take(2).ToList();

        var (response, resource) = await manager.FhirAsync(HttpMethod.Post, "/fhir/r4", Transaction(Bundle.BundleType.Batch,
            units[0].WithBeds(45, 0, 0, 44, 0), units[1].WithBeds(45, 0, 0, 46, 0)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = Assert.IsType<Bundle>(resource);
        Assert.Equal(Bundle.BundleType.BatchResponse, answer.Type);
        Assert.Equal(["200 OK", "422"], answer.Entry.Select(e => e.Response.Status));
        Assert.Equal(1, (await manager.GetFhirAsync<Location>($"/fhir/r4/Location/{units[0].Id}")).Count(RorCodes.Available));
        Assert.NotEqual(46, (await manager.GetFhirAsync<Location>($"/fhir/r4/Location/{units[1].Id}")).Count(RorCodes.Occupied));
    }
}
