using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using BedCoord.Domain.Beds;

namespace BedCoord.Server.OpenApi;

// The request bodies of the grid's writes, as the contract states them. The handlers parse bodies themselves
// (JsonBody) to name every wrong field; these records only describe what they accept, and the generated-client
// test proves the two agree.

/// <summary>PUT …/units/{unitId}/beds: the unit's whole bed state; open, available and occupancyRate are computed, never sent.</summary>
public sealed record UnitBedsBody(
    [property: Required, Range(0, BedLimits.MaxCount), Description("Installed beds")] int Installed,
    [property: Required, Range(0, BedLimits.MaxCount), Description("Closed beds, at most installed")] int Closed,
    [property: Required, Range(0, BedLimits.MaxCount), Description("Extra beds set up beyond the installed ones")] int Surge,
    [property: Required, Range(0, BedLimits.MaxCount), Description("Occupied beds, at most open (installed − closed + surge)")] int Occupied,
    [property: Required, Range(0, BedLimits.MaxCount), Description("Beds reserved for an expected patient, at most open − occupied")] int Reserved,
    [property: Required, Range(0, BedLimits.MaxCount), Description("Discharges expected today")] int ExpectedDischarges,
    [property: Range(0, BedLimits.MaxCount), Description("Closed beds that could reopen, at most closed; omitted = 0")] int? Reopenable = null,
    [property: AllowedValues(24, 72), Description("Within how many hours the reopenable beds can open (24 or 72); omitted = not stated")] int? ReopenableWithinHours = null,
    [property: Range(0, BedLimits.MaxCount), Description("Extra beds that could be set up without added staff; omitted = 0")] int? SurgeWithoutStaff = null,
    [property: AllowedValues(24, 72), Description("Delay in hours (24 or 72) for surgeWithoutStaff")] int? SurgeWithoutStaffWithinHours = null,
    [property: Range(0, BedLimits.MaxCount), Description("Extra beds that could be set up with added staff; omitted = 0")] int? SurgeWithStaff = null,
    [property: AllowedValues(24, 72), Description("Delay in hours (24 or 72) for surgeWithStaff")] int? SurgeWithStaffWithinHours = null);

/// <summary>PUT …/emergency: the establishment's emergency figures.</summary>
public sealed record EmergencyBody(
    [property: Required, Range(0, BedLimits.MaxCount), Description("Emergency patients waiting for a bed")] int EdWaitingForBed,
    [property: Required, Range(0, BedLimits.MaxCount), Description("Patients ready to leave who wait for a place downstream")] int BedBlockers);

/// <summary>PUT …/contact: who to call about beds; at least one field.</summary>
public sealed record ContactBody(
    [property: MaxLength(100), Description("The bed manager on duty")] string? BedManager = null,
    [property: MaxLength(30), RegularExpression(@"^[0-9+() .\-]{0,30}$"), Description("Phone number")] string? Phone = null,
    [property: MaxLength(100), Description("When to call")] string? Hours = null);

/// <summary>PUT …/rpu-quality: whether the establishment's emergency records are complete enough for its BJML.</summary>
public sealed record RpuQualityBody(
    [property: Required, Description("False: the BJML is not computed for this establishment")] bool Sufficient,
    [property: MaxLength(500), Description("Why")] string? Note = null);

/// <summary>One day of POST …/ed-admissions (JSON form; the CSV form has the header date,count).</summary>
public sealed record EdAdmissionsRow(
    [property: Required, Description("The day, YYYY-MM-DD, not in the future")] DateOnly Date,
    [property: Required, Range(0, 10_000), Description("Post-emergency hospitalisations that day")] int Count);
