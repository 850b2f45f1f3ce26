using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace BedCoord.Server.OpenApi;

/// <summary>POST /api/dev/token (demo only): the claims of the token to issue.</summary>
public sealed record DevTokenBody(
    [property: Required, MaxLength(100), Description("Subject (user name)")] string Sub,
    [property: Required, RegularExpression("^(viewer|bed-manager|coordinator|supervisor|admin)$"), Description("viewer, bed-manager, coordinator, supervisor or admin")] string Role,
    [property: MaxLength(200), Description("FINESS numbers the caller manages (bed managers)")] IReadOnlyList<string>? Establishments = null,
    [property: MaxLength(200), Description("Sector codes (coordinators)")] IReadOnlyList<string>? Sectors = null,
    [property: MaxLength(20), Description("Region code (supervisors)")] string? Region = null,
    [property: Range(10, 86_400), Description("Lifetime in seconds (default 3600)")] int? LifetimeSeconds = null);
