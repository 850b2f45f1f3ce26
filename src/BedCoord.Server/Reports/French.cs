using System.Globalization;
using BedCoord.Domain.History;

namespace BedCoord.Server.Reports;

/// <summary>French number and date formats written by hand: the server runs with invariant globalization.</summary>
public static class French
{
    private static readonly string[] Days = ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."];
    private static readonly string[] LongDays = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];

    public static string Number(double? value, string format = "0.#") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture).Replace('.', ',').Replace('-', '−') : "—";

    public static string Number(int? value) => value is { } v ? v.ToString(CultureInfo.InvariantCulture).Replace('-', '−') : "—";

    public static string Signed(double? delta) => delta switch
    {
        null => "",
        > 0 => "+" + Number(delta),
        < 0 => Number(delta),
        _ => "=",
    };

    public static string Day(DateOnly d) => $"{Days[(int)d.DayOfWeek]} {d:dd'/'MM}";

    public static string LongDate(DateOnly d) => $"{LongDays[(int)d.DayOfWeek]} {d.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture)}";

    public static string DateOf(DateOnly? d) => d is { } x ? x.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture) : "—";

    /// <summary>A moment in Paris time: "ven. 27/11 07:30"; with the year when asked.</summary>
    public static string Moment(DateTimeOffset t, bool year = false)
    {
        var local = TimeZoneInfo.ConvertTime(t, Steps.Paris);
        var d = DateOnly.FromDateTime(local.DateTime);
        return (year ? d.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture) : Day(d)) + " " + local.ToString("HH':'mm", CultureInfo.InvariantCulture);
    }
}
