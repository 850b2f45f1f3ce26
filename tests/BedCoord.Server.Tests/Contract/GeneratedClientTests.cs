using BedCoord.Server.Tests.Contract.Generated;
using BedCoord.Testing;

namespace BedCoord.Server.Tests.Contract;

/// <summary>
/// The client NSwag generated from the checked-in contract (BedCoordClient.g.cs), used as an integrator would:
/// a token, a read, a write with If-Match, and refused writes whose problem details it deserialises. If the
/// document and the server disagreed on a path, a schema, a header or a status, these calls would fail.
/// </summary>
[Collection(ContractCollection.Name)]
public sealed class GeneratedClientTests(ContractServer fixture)
{
    private const string Finess = "120000039";
    private const string Unit = "chir";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(BedCoordClient Client, HttpClient Http)> SignedInAsync(string role, params string[] establishments)
    {
        var http = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        var anonymous = new BedCoordClient(http);
        var token = await anonymous.IssueDevTokenAsync(new DevTokenBody { Sub = $"generated-{role}", Role = role, Establishments = establishments, Region = "OCC" }, Ct);
        Assert.Equal(200, token.StatusCode);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Result.Token);
        return (new BedCoordClient(http), http);
    }

    [Fact]
    public async Task An_integrator_reads_a_unit_then_writes_it_with_if_match_and_a_stale_version_is_refused_with_412()
    {
        var (client, http) = await SignedInAsync("bed-manager", Finess);
        using var _ = http;

        var establishment = await client.GetEstablishmentAsync(Finess, null, Ct);
        Assert.Equal(ScopeKind.Establishment, establishment.Result.Kind);
        Assert.Contains(establishment.Result.Children!, u => u.Id.EndsWith(Unit, StringComparison.Ordinal));

        var unit = await client.GetUnitAsync(Finess, Unit, Ct);
        var etag = unit.Headers["ETag"].Single();
        Assert.Equal($"\"{unit.Result.Version}\"", etag);

        var installed = unit.Result.Beds.Installed;
        var occupied = Math.Max(0, installed - 3) == unit.Result.Beds.Occupied ? Math.Max(0, installed - 4) : Math.Max(0, installed - 3);
        var body = new UnitBedsBody { Installed = installed, Closed = 0, Surge = 0, Occupied = occupied, Reserved = 0, ExpectedDischarges = 1 };
        var written = await client.SetUnitBedsAsync(Finess, Unit, etag, body, Ct);
        Assert.Equal(200, written.StatusCode);
        Assert.Equal(occupied, written.Result.Beds.Occupied);
        var newEtag = written.Headers["ETag"].Single();
        Assert.NotEqual(etag, newEtag);
        Assert.Equal(occupied, (await client.GetUnitAsync(Finess, Unit, Ct)).Result.Beds.Occupied);

        // The version the write was based on is gone: the same If-Match is refused and changes nothing.
        var stale = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() =>
            client.SetUnitBedsAsync(Finess, Unit, etag, body.WithOccupied(0), Ct));
        Assert.Equal(412, stale.StatusCode);
        Assert.Equal(412, stale.Result.Status);
        Assert.Contains("modifié", stale.Result.Detail);
        Assert.Equal(newEtag, stale.Headers["ETag"].Single());
        Assert.Equal(occupied, (await client.GetUnitAsync(Finess, Unit, Ct)).Result.Beds.Occupied);
    }

    [Fact]
    public async Task Refused_writes_come_back_as_problem_details_naming_the_field_or_the_scope()
    {
        var (client, http) = await SignedInAsync("bed-manager", Finess);
        using var _ = http;

        var invalid = await Assert.ThrowsAsync<ApiException<HttpValidationProblemDetails>>(() =>
            client.SetUnitBedsAsync(Finess, Unit, null, new UnitBedsBody { Installed = 10, Closed = 0, Surge = 0, Occupied = 12, Reserved = 0, ExpectedDischarges = 0 }, Ct));
        Assert.Equal(400, invalid.StatusCode);
        Assert.True(invalid.Result.Errors.ContainsKey("occupied"), string.Join(", ", invalid.Result.Errors.Keys));

        // Another establishment is outside a bed manager's scope.
        var elsewhere = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() =>
            client.SetEmergencyAsync("120004668", new EmergencyBody { EdWaitingForBed = 1, BedBlockers = 0 }, Ct));
        Assert.Equal(403, elsewhere.StatusCode);
        Assert.Contains("120004668", elsewhere.Result.Detail);

        var unknown = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => client.GetUnitAsync(Finess, "nope", Ct));
        Assert.Equal(404, unknown.StatusCode);
    }
}

internal static class UnitBedsBodyExtensions
{
    public static UnitBedsBody WithOccupied(this UnitBedsBody body, int occupied) => new()
    {
        Installed = body.Installed, Closed = body.Closed, Surge = body.Surge, Occupied = occupied,
        Reserved = body.Reserved, ExpectedDischarges = body.ExpectedDischarges,
    };
}
