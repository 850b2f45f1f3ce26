using System.Globalization;
using System.Text;
using BedCoord.Domain.History;
using BedCoord.Domain.Maturity;
using BedCoord.Domain.Territory;
using BedCoord.Server.Api;

namespace BedCoord.Server.Maturity;

/// <summary>
/// CSV exports of the index, as history's: <c>csv</c> is invariant (`,`, ISO times); <c>csv-fr</c> is what French
/// Excel opens (BOM, `;`, decimal comma, dd/MM/yyyy HH:mm Europe/Paris). Formatting is by hand: the server runs
/// with invariant globalization.
/// </summary>
public static class MaturityExport
{
    public static IResult? Check(string? format) => format is null or "" or "json" or "csv" or "csv-fr" ? null
        : Problems.Invalid("format", $"Format inconnu « {MaturityEndpoints.Short(format)} » : json, csv ou csv-fr.");

    public static IResult Establishment(EstablishmentInfo info, IReadOnlyList<MaturitySubmission> submissions, bool french)
    {
        var themes = submissions.SelectMany(s => s.Score.Themes.Select(t => t.Theme)).Distinct().ToList();
        var rows = submissions.Select(s => (IReadOnlyList<string>)new List<string>
        {
            info.Id, s.GridVersion, Time(s.SubmittedAt, french), s.SubmittedBy, Number(s.Score.Percent, french),
            s.Score.Missing.ToString(CultureInfo.InvariantCulture),
        }.Concat(themes.Select(t => Number(s.Score.Themes.FirstOrDefault(x => x.Theme == t)?.Percent, french))).ToList()).ToList();
        var header = new[] { "finess", "gridVersion", "submittedAt", "submittedBy", "percent", "missing" }.Concat(themes.Select(t => "theme:" + t)).ToList();
        return File(header, rows, french, $"maturite-{info.Id}");
    }

    public static IResult Scope(ScopeMaturity answer, bool french)
    {
        var header = new[] { "finess", "name", "region", "sector", "departmentCode", "percent", "submittedAt", "gridVersion", "overdue", "daysInTension", "knownDays" };
        var rows = answer.Establishments.Select(r => (IReadOnlyList<string>)
        [
            r.Finess, r.Name, r.Region, r.Sector, r.DepartmentCode, Number(r.Percent, french), r.SubmittedAt is { } t ? Time(t, french) : "",
            r.GridVersion ?? "", r.Overdue ? (french ? "oui" : "true") : (french ? "non" : "false"), Number(r.DaysInTension, french), Number(r.KnownDays, french),
        ]).ToList();
        return File(header, rows, french, $"maturite-{answer.Kind}-{answer.Id}");
    }

    private static IResult File(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows, bool french, string name)
    {
        var separator = french ? ';' : ',';
        var text = new StringBuilder();
        if (french) text.Append('\uFEFF');
        foreach (var row in rows.Prepend(header)) text.Append(string.Join(separator, row.Select(c => Escape(c, separator)))).Append("\r\n");
        return french
            ? Results.File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", name + ".csv")
            : Results.Text(text.ToString(), "text/csv; charset=utf-8");
    }

    private static string Escape(string cell, char separator) =>
        cell.IndexOfAny([separator, '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;

    private static string Number(double? value, bool french) => value is not { } v ? ""
        : french ? v.ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',') : v.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset t, bool french) => french
        ? TimeZoneInfo.ConvertTime(t, Steps.Paris).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture)
        : t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
