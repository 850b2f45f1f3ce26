using System.Globalization;
using System.Text;
using BedCoord.Domain.History;
using MiniExcelLibs;
using nietras.SeparatedValues;

namespace BedCoord.Server.History;

/// <summary>History answers as CSV (RFC 4180, invariant), CSV for French Excel, or XLSX.</summary>
public static class HistoryExport
{
    public static readonly string[] Columns =
    [
        "at", "open", "occupied", "available", "availableMin", "availableMax", "occupancyRate", "edWaitingForBed",
        "bedBlockers", "bjmlCoverage", "staleShare", "level", "computedLevel", "declaredLevel",
    ];

    // The server runs with invariant globalization (no ICU): French Excel needs only the decimal comma.
    private static readonly CultureInfo French = FrenchNumbers();

    private static CultureInfo FrenchNumbers()
    {
        var c = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        c.NumberFormat.NumberDecimalSeparator = ",";
        c.NumberFormat.NumberGroupSeparator = "\u00A0";
        return CultureInfo.ReadOnly(c);
    }

    /// <summary>The format asked for by <c>format=</c> or the Accept header: json, csv, csv-fr or xlsx.</summary>
    public static string? FormatOf(HttpRequest request, out string? error)
    {
        error = null;
        var format = request.Query["format"].ToString();
        if (format.Length == 0)
            return request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase) ? "csv" : "json";
        if (format is "json" or "csv" or "csv-fr" or "xlsx") return format;
        error = $"Format inconnu « {(format.Length <= 20 ? format : format[..20])} » : json, csv, csv-fr ou xlsx.";
        return null;
    }

    public static string Csv(IEnumerable<HistoryPoint> points, bool french)
    {
        var culture = french ? French : CultureInfo.InvariantCulture;
        var text = new StringWriter(culture);
        using (var writer = Sep.New(french ? ';' : ',').Writer(o => o with { Escape = true }).To(text))
        {
            foreach (var p in points)
            {
                using var row = writer.NewRow();
                var values = Values(p, culture, french);
                for (var i = 0; i < Columns.Length; i++) row[Columns[i]].Set(values[i]);
            }
        }
        // French Excel reads UTF-8 only with a byte order mark.
        return (french ? "\uFEFF" : "") + text;
    }

    public static async Task WriteXlsxAsync(HttpResponse response, IEnumerable<HistoryPoint> points, string fileName, CancellationToken ct)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bedcoord-{Guid.NewGuid():N}.xlsx");
        try
        {
            // MiniExcel writes row by row from the sequence; the file stands in for a seekable stream.
            await using (var file = File.Create(path))
                await file.SaveAsAsync(points.Select(Row), cancellationToken: ct);
            response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}.xlsx\"";
            await using var read = File.OpenRead(path);
            await read.CopyToAsync(response.Body, ct);
        }
        finally { File.Delete(path); }
    }

    private static Dictionary<string, object?> Row(HistoryPoint p) => new()
    {
        ["at"] = TimeZoneInfo.ConvertTime(p.At, Steps.Paris).DateTime, ["open"] = p.Open, ["occupied"] = p.Occupied,
        ["available"] = p.Available, ["availableMin"] = p.AvailableMin, ["availableMax"] = p.AvailableMax,
        ["occupancyRate"] = p.OccupancyRate, ["edWaitingForBed"] = p.EdWaitingForBed, ["bedBlockers"] = p.BedBlockers,
        ["bjmlCoverage"] = p.BjmlCoverage, ["staleShare"] = p.StaleShare, ["level"] = p.Level,
        ["computedLevel"] = p.ComputedLevel, ["declaredLevel"] = p.DeclaredLevel,
    };

    private static string[] Values(HistoryPoint p, CultureInfo c, bool french) =>
    [
        french ? TimeZoneInfo.ConvertTime(p.At, Steps.Paris).ToString("dd/MM/yyyy HH:mm", c) : p.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", c),
        N(p.Open, c), N(p.Occupied, c), N(p.Available, c), N(p.AvailableMin, c), N(p.AvailableMax, c), N(p.OccupancyRate, c),
        N(p.EdWaitingForBed, c), N(p.BedBlockers, c), N(p.BjmlCoverage, c), N(p.StaleShare, c),
        N(p.Level, c), N(p.ComputedLevel, c), N(p.DeclaredLevel, c),
    ];

    private static string N(int? v, CultureInfo c) => v?.ToString(c) ?? "";
    private static string N(double? v, CultureInfo c) => v?.ToString("0.####", c) ?? "";
}
