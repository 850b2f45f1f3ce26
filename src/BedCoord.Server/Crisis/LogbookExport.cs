using System.Globalization;
using System.Net;
using System.Text;
using BedCoord.Domain.Crisis;
using BedCoord.Domain.History;
using BedCoord.Server.Reports;
using nietras.SeparatedValues;

namespace BedCoord.Server.Crisis;

/// <summary>A period of a main courante as CSV (invariant or French Excel) and as the HTML the PDF prints, with the chain's head.</summary>
public static class LogbookExport
{
    public static readonly string[] Columns = ["seq", "at", "eventAt", "kind", "check", "author", "role", "source", "text", "corrects", "link", "id", "hash", "prevHash"];

    public static string Csv(IEnumerable<LogbookEntry> entries, bool french)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = Sep.New(french ? ';' : ',').Writer(o => o with { Escape = true }).To(text))
        {
            foreach (var e in entries)
            {
                using var row = writer.NewRow();
                string[] values =
                [
                    e.Seq.ToString(CultureInfo.InvariantCulture), Time(e.At, french), e.EventAt is { } t ? Time(t, french) : "", e.Kind, e.Check ?? "",
                    e.Author, e.Role, e.Source ?? "", e.Text, e.Corrects ?? "", e.Link ?? "", e.Id, e.Hash, e.PrevHash,
                ];
                for (var i = 0; i < Columns.Length; i++) row[Columns[i]].Set(values[i]);
            }
        }
        // French Excel reads UTF-8 only with a byte order mark.
        return (french ? "\uFEFF" : "") + text;
    }

    private static string Time(DateTimeOffset t, bool french) => french
        ? TimeZoneInfo.ConvertTime(t, Steps.Paris).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture)
        : t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The printable log: heading with the period, the chain's head and its verification, then one row per entry.</summary>
    public static string Html(string scopeName, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<LogbookEntry> entries, ChainVerification chain, DateTimeOffset printedAt)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var b = new StringBuilder();
        b.Append("<article class=\"report logbook-print\">");
        b.Append($"<header class=\"report-head\"><h1>Main courante — {E(scopeName)}</h1>");
        b.Append($"<p class=\"report-week\">Du {E(French.Moment(from, true))} au {E(French.Moment(to, true))} (heure de Paris) — {entries.Count} entrées</p>");
        b.Append($"<p class=\"report-stamp frozen\">Empreinte de tête de la chaîne au {E(French.Moment(printedAt, true))} : <code data-testid=\"head\">{E(chain.Head)}</code> " +
                 $"({chain.Entries} entrées au total ; chaîne {(chain.Valid ? "vérifiée intègre" : $"ROMPUE à l'entrée n°{chain.FirstInvalid!.Seq}")}). " +
                 "Comparez-la à GET …/logbook/verify pour contrôler ce document.</p></header>");
        b.Append("<table class=\"logbook-table\"><thead><tr><th scope=\"col\">N°</th><th scope=\"col\">Heure</th><th scope=\"col\">Type</th><th scope=\"col\">Auteur</th>" +
                 "<th scope=\"col\">Texte</th><th scope=\"col\">Empreinte</th></tr></thead><tbody>");
        foreach (var e in entries)
        {
            var check = LogbookKinds.CheckLabel(e.Check);
            b.Append("<tr>");
            b.Append($"<td>{e.Seq}</td><td>{E(French.Moment(e.At, true))}{(e.EventAt is { } t ? $"<br><span class=\"sub\">événement {E(French.Moment(t, true))}</span>" : "")}</td>");
            b.Append($"<td>{E(LogbookKinds.Label(e.Kind))}{(check.Length > 0 ? $"<br><span class=\"sub\">{E(check)}</span>" : "")}</td>");
            b.Append($"<td>{E(e.Author)}<br><span class=\"sub\">{E(e.Role)}</span></td>");
            b.Append($"<td class=\"logbook-text\">{(e.Corrects is { } c ? $"<strong>Corrige l'entrée {E(c)}</strong><br>" : "")}{E(e.Text).Replace("\n", "<br>")}" +
                     $"{(e.Source is { } s ? $"<br><span class=\"sub\">Source : {E(s)}</span>" : "")}</td>");
            b.Append($"<td><code>{E(LogbookHash.Short(e.Hash))}</code></td>");
            b.Append("</tr>");
        }
        b.Append("</tbody></table></article>");
        return b.ToString();
    }
}
