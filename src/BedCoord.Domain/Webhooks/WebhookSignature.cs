using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BedCoord.Domain.Webhooks;

/// <summary>
/// The signature header of a delivery: <c>X-BedCoord-Signature: t={unix seconds},v1={hex}</c> where hex is the lower-case
/// HMAC-SHA256, keyed with the subscription's secret (its UTF-8 bytes), of "{t}." followed by the exact body bytes.
/// The timestamp is inside the MAC, so a receiver that refuses old timestamps refuses replays (the Stripe scheme).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-BedCoord-Signature";
    public const string Version = "v1";

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body) =>
        $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},{Version}={Convert.ToHexStringLower(Mac(secret, unixSeconds, body))}";

    /// <summary>
    /// What a receiver does: parse t and v1, recompute, compare in constant time, and refuse a timestamp further than
    /// <paramref name="tolerance"/> from <paramref name="now"/>.
    /// </summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!TryParse(header, out var t, out var signatures)) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - t) > tolerance.TotalSeconds) return false;
        var expected = Mac(secret, t, body);
        foreach (var hex in signatures)
        {
            if (hex.Length != expected.Length * 2) continue;
            byte[] given;
            try { given = Convert.FromHexString(hex); }
            catch (FormatException) { continue; }
            if (CryptographicOperations.FixedTimeEquals(given, expected)) return true;
        }
        return false;
    }

    /// <summary>"t=…,v1=…[,v1=…]": several v1 values may come while a secret is being rotated.</summary>
    public static bool TryParse(string? header, out long timestamp, out IReadOnlyList<string> signatures)
    {
        timestamp = 0;
        var found = new List<string>();
        signatures = found;
        if (string.IsNullOrEmpty(header)) return false;
        var hasTime = false;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var (key, value) = (part[..eq], part[(eq + 1)..]);
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t)) { timestamp = t; hasTime = true; }
            else if (key == Version) found.Add(value);
        }
        return hasTime && found.Count > 0;
    }

    private static byte[] Mac(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
