using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using BedCoord.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace BedCoord.Server.Tests;

/// <summary>Tokens and scopes: who may read, who may write where (domain.md §8).</summary>
public sealed class AuthTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Finess = "090000175";     // CHIVA, Ariège (SUD)
    private const string Other = "310783048";      // a Haute-Garonne establishment (OUEST)
    private ServerProcess Server => fixture.Server;

    [Fact]
    public async Task Reads_need_a_valid_token()
    {
        using var anonymous = new HttpClient { BaseAddress = Server.BaseAddress };
        var none = await anonymous.GetAsync("/api/regions/OCC", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        await none.ProblemAsync();

        foreach (var token in new[]
                 {
                     Token(DateTime.UtcNow.AddMinutes(-10), DateTime.UtcNow.AddMinutes(-1)),           // expired
                     Token(DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5), key: "another-key"),       // bad signature
                     Token(DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5), issuer: "someone-else"),   // wrong issuer
                     Token(DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5), audience: "other-app"),    // wrong audience
                     Token(DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5)) + "x",                     // tampered
                 })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/regions/OCC");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await anonymous.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            await response.ProblemAsync();
        }

        var valid = new HttpRequestMessage(HttpMethod.Get, "/api/regions/OCC");
        valid.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(DateTime.UtcNow, DateTime.UtcNow.AddMinutes(5)));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(valid, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("viewer", null, null, null, false)]
    [InlineData("bed-manager", Finess, null, null, true)]
    [InlineData("bed-manager", Other, null, null, false)]
    [InlineData("coordinator", null, "SUD", null, true)]
    [InlineData("coordinator", null, "NORD", null, false)]
    [InlineData("supervisor", null, null, "OCC", true)]
    [InlineData("supervisor", null, null, "IDF", false)]
    [InlineData("admin", null, null, null, true)]
    public async Task Bed_writes_are_allowed_only_within_the_callers_scope(string role, string? establishment, string? sector, string? region, bool allowed)
    {
        using var caller = await Server.ClientAsync(role, establishment is null ? [] : [establishment], sector is null ? [] : [sector], region);
        var before = await caller.GetJsonAsync($"/api/establishments/{Finess}/units/med");
        var occupied = before.Int("beds", "occupied") == 10 ? 11 : 10;

        var response = await caller.PutJsonAsync($"/api/establishments/{Finess}/units/med/beds",
            Json.Beds(before.Int("beds", "installed"), 0, 0, occupied, 0, 0));

        var after = await caller.GetJsonAsync($"/api/establishments/{Finess}/units/med");
        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(occupied, after.Int("beds", "occupied"));
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            await response.ProblemAsync();
            Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        }
    }

    [Fact]
    public async Task Dev_tokens_refuse_unknown_roles_and_bad_scopes()
    {
        using var anonymous = new HttpClient { BaseAddress = Server.BaseAddress };
        var response = await anonymous.PostAsync("/api/dev/token",
            new StringContent("""{"sub":"x","role":"god","establishments":["../../etc"]}""", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ProblemAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("role", out _));
        Assert.True(errors.TryGetProperty("establishments", out _));
    }

    private static string Token(DateTime notBefore, DateTime expires, string key = ServerProcess.SigningKey,
        string issuer = "bedcoord-dev", string audience = "bedcoord") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("role", "viewer")]),
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(SHA256.HashData(Encoding.UTF8.GetBytes(key))), SecurityAlgorithms.HmacSha256),
        });
}
