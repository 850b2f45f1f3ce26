using System.Security.Claims;
using BedCoord.Domain.Access;

namespace BedCoord.Server.Auth;

public static class CallerExtensions
{
    public static Caller ToCaller(this ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimNames.Subject) ?? "anonymous",
        user.FindFirstValue(ClaimNames.Role) ?? "",
        user.FindAll(ClaimNames.Establishment).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        user.FindAll(ClaimNames.Sector).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        user.FindFirstValue(ClaimNames.Region));
}
