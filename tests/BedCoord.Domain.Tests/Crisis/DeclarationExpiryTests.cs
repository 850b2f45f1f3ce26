using BedCoord.Domain.Crisis;
using BedCoord.Domain.Report;
using BedCoord.Domain.Tension;
using Xunit;

namespace BedCoord.Domain.Tests.Crisis;

public class DeclarationExpiryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    private static DeclarationRecord Declare(DateTimeOffset at, string reason, DateTimeOffset? expiresAt) =>
        new(at, "establishment", "310000001", new Declaration(2, reason, "direction", at, expiresAt), null);

    private static DeclarationRecord Lift(DateTimeOffset at) => new(at, "establishment", "310000001", null, "fin");

    [Fact]
    public void Only_a_latest_declaration_past_its_expiry_counts_as_expired()
    {
        var expiring = DeclarationSpan.Pair([Declare(T0, "PMI", T0.AddHours(1))]);
        Assert.Null(DeclarationExpiry.Expired(expiring, T0.AddMinutes(59)));
        Assert.Equal("PMI", DeclarationExpiry.Expired(expiring, T0.AddHours(1))!.Reason);

        // Lifted by hand before its expiry: the lift closed the measures, not the expiry.
        Assert.Null(DeclarationExpiry.Expired(DeclarationSpan.Pair([Declare(T0, "PMI", T0.AddHours(1)), Lift(T0.AddMinutes(30))]), T0.AddHours(2)));
        // Declared again (no expiry) before the first one expired: still in force.
        Assert.Null(DeclarationExpiry.Expired(DeclarationSpan.Pair([Declare(T0, "PMI", T0.AddHours(1)), Declare(T0.AddMinutes(40), "PMI prolongé", null)]), T0.AddHours(2)));
        // An expired declaration followed by a new one that expired too: the latest is named.
        Assert.Equal("second", DeclarationExpiry.Expired(DeclarationSpan.Pair([Declare(T0, "first", T0.AddHours(1)), Declare(T0.AddHours(2), "second", T0.AddHours(3))]),
            T0.AddHours(4))!.Reason);
        Assert.Null(DeclarationExpiry.Expired([], T0));
    }
}
