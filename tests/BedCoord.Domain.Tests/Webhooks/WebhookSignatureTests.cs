using System.Security.Cryptography;
using System.Text;
using BedCoord.Domain.Webhooks;
using Xunit;

namespace BedCoord.Domain.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_test-secret-0123456789";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"kind\":\"department\",\"id\":\"31\"}");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_796_652_582);

    [Fact]
    public void The_header_is_the_hmac_sha256_of_timestamp_dot_body_as_documented()
    {
        var header = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);
        // Recomputed independently, the way docs/EXCHANGE.md tells a receiver to.
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret),
            Encoding.UTF8.GetBytes("1796652582.").Concat(Body).ToArray()));
        Assert.Equal($"t=1796652582,v1={expected}", header);
        Assert.True(WebhookSignature.Verify(Secret, header, Body, Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Another_body_another_secret_or_an_old_timestamp_fails()
    {
        var header = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);
        var tampered = (byte[])Body.Clone();
        tampered[^2] ^= 1;
        Assert.False(WebhookSignature.Verify(Secret, header, tampered, Now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret + "x", header, Body, Now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(Secret, header, Body, Now + TimeSpan.FromMinutes(6), TimeSpan.FromMinutes(5)), "a replay is refused");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=abcd")]
    [InlineData("t=12")]
    [InlineData("t=abc,v1=00")]
    [InlineData("t=1796652582,v1=zz")]
    public void Malformed_headers_do_not_verify(string? header) =>
        Assert.False(WebhookSignature.Verify(Secret, header, Body, Now, TimeSpan.FromMinutes(5)));

    [Fact]
    public void Any_of_several_v1_values_may_match_during_a_secret_rotation()
    {
        var good = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);
        var other = WebhookSignature.Sign("whsec_previous-secret-00000", Now.ToUnixTimeSeconds(), Body);
        var both = other + "," + good.Split(',')[1];
        Assert.True(WebhookSignature.Verify(Secret, both, Body, Now, TimeSpan.FromMinutes(5)));
    }
}
