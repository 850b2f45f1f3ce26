using System.Security.Claims;
using BedCoord.Domain.Access;

namespace BedCoord.Server.Auth;

public static class CallerExtensions
{
    /// <summary>Who the caller is, as recorded in states and the audit: the token's subject.</summary>
    public static string SubjectName(this ClaimsPrincipal user) => user.FindFirstValue(ClaimNames.Subject) ?? "anonymous";

    public static Caller ToCaller(this ClaimsPrincipal user) => new(
        user.SubjectName(),
        user.FindFirstValue(ClaimNames.Role) ?? "",
        user.FindAll(ClaimNames.Establishment).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        user.FindAll(ClaimNames.Sector).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        user.FindFirstValue(ClaimNames.Region));
}
