using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using BedCoord.Domain.Report;

namespace BedCoord.Server.OpenApi;

/// <summary>POST …/reports/weekly/actions: an action recorded at the week's meeting.</summary>
public sealed record NewMeetingActionBody(
    [property: Required, MaxLength(MeetingActionInput.MaxWhat), Description("What is to be done")] string What,
    [property: Required, MaxLength(MeetingActionInput.MaxOwner), Description("Who does it")] string Owner,
    [property: RegularExpression("^[0-9][0-9AB][0-9]{7}$"), Description("FINESS of an establishment of the département, or null")] string? Establishment = null,
    [property: Description("YYYY-MM-DD")] DateOnly? DueDate = null,
    [property: RegularExpression("^(ouverte|en-cours|close)$"), Description("ouverte (default), en-cours or close")] string? Status = null);

/// <summary>PATCH …/reports/weekly/actions/{actionId}: the fields to change; those left out keep their value.</summary>
public sealed record MeetingActionChangeBody(
    [property: MaxLength(MeetingActionInput.MaxWhat)] string? What = null,
    [property: RegularExpression("^[0-9][0-9AB][0-9]{7}$")] string? Establishment = null,
    [property: MaxLength(MeetingActionInput.MaxOwner)] string? Owner = null,
    DateOnly? DueDate = null,
    [property: RegularExpression("^(ouverte|en-cours|close)$")] string? Status = null);
