using System.Net;
using System.Text;
using BedCoord.Domain.BedBlockers;
using BedCoord.Domain.Report;
using BedCoord.Domain.Tension;
using BedCoord.Persistence.Reports;

namespace BedCoord.Server.Reports;

/// <summary>
/// The report's markup, one for the screen, the printout and the PDF (Chromium prints this same HTML with
/// css/report.css): tables with headers, levels told by their name, a sparkline as inline SVG.
/// </summary>
public static class WeeklyReportHtml
{
    public static string Render(WeeklyReport r, ReportSnapshotInfo? frozen, IReadOnlyList<MeetingAction> actions)
    {
        var h = new StringBuilder(64 * 1024);
        var days = r.Totals.NightsOnTrolley.Select(n => n.Day).ToList();
        h.Append("<article class=\"report\" data-testid=\"report\">");
        h.Append("<header class=\"report-head\">");
        h.Append($"<h1>Réunion départementale — {E(r.DepartmentName)} ({E(r.Department)})</h1>");
        h.Append($"<p class=\"report-week\">Semaine {E(r.Week)} : du {French.LongDate(days[0])} au {French.LongDate(days[^1])} (heure de Paris). ");
        h.Append("Recensements à 08:00 et 15:00 ; lits disponibles : min / moy. / max sur les jours de la semaine.</p>");
        h.Append(frozen is null
            ? $"<p class=\"report-stamp\" data-testid=\"report-stamp\">Non figé : chiffres calculés le {French.Moment(r.GeneratedAt, year: true)}.</p>"
            : $"<p class=\"report-stamp frozen\" data-testid=\"report-stamp\"><strong>Figé le {French.Moment(frozen.FrozenAt, year: true)} par {E(frozen.FrozenBy)}</strong> (chiffres du {French.Moment(r.GeneratedAt, year: true)}).</p>");
        h.Append("</header>");

        Department(h, r, days);
        foreach (var section in r.Sections)
        {
            h.Append($"<section class=\"report-group\" aria-labelledby=\"g-{E(section.Group)}\"><h2 id=\"g-{E(section.Group)}\">{E(section.Label)}</h2>");
            foreach (var e in section.Establishments) Establishment(h, e, r, days);
            h.Append("</section>");
        }
        var names = r.Sections.SelectMany(x => x.Establishments).ToDictionary(e => e.Finess, e => e.Name);
        Actions(h, actions, r.Week, names);
        h.Append("</article>");
        return h.ToString();
    }

    private static void Department(StringBuilder h, WeeklyReport r, IReadOnlyList<DateOnly> days)
    {
        h.Append("<section class=\"report-block report-dept\" aria-labelledby=\"dept-title\"><h2 id=\"dept-title\">Département</h2>");
        h.Append("<table class=\"report-table\"><caption>Nuits brancard (patients des urgences encore en attente d'un lit au recensement de 08:00)</caption><thead><tr><th scope=\"col\">Jour</th>");
        foreach (var d in days) h.Append($"<th scope=\"col\">{French.Day(d)}</th>");
        h.Append("<th scope=\"col\">Semaine</th></tr></thead><tbody><tr><th scope=\"row\">Département</th>");
        foreach (var n in r.Totals.NightsOnTrolley) h.Append($"<td>{French.Number(n.Value)}</td>");
        h.Append($"<td><strong>{French.Number(r.Totals.Trend[^1].NightsOnTrolley)}</strong></td></tr></tbody></table>");
        Comparison(h, "Semaine comparée (département : sommes des établissements)", r.Week, WeekComparisonOfTotals(r), r.Totals.VsPreviousWeek, r.Totals.VsLastYear, summed: true);
        Trend(h, r.Totals.Trend, "Douze semaines (département)");
        BedBlockers(h, r);
        Declarations(h, r.Declarations, "Déclarations sur le département");
        h.Append("</section>");
    }

    private static WeekComparison WeekComparisonOfTotals(WeeklyReport r)
    {
        var all = r.Sections.SelectMany(s => s.Establishments).Select(e => WeekComparison.Of(e.Week)).Where(c => c.HasHistory).ToList();
        if (all.Count == 0) return WeekComparison.None(r.Week);
        double? Sum(Func<WeekComparison, double?> f) => all.Any(c => f(c) is not null) ? Math.Round(all.Sum(c => f(c) ?? 0), 1) : null;
        return new WeekComparison(r.Week, true, Sum(c => c.Available08Mean), (int?)Sum(c => c.NightsOnTrolley), Sum(c => c.HoursBelowBjml),
            Sum(c => c.HoursInTension), (int?)Sum(c => c.EdWaitingPeak));
    }

    private static void Establishment(StringBuilder h, EstablishmentReport e, WeeklyReport r, IReadOnlyList<DateOnly> days)
    {
        var w = e.Week;
        h.Append($"<section class=\"report-block report-est\" data-testid=\"report-est\" data-finess=\"{E(e.Finess)}\" aria-labelledby=\"est-{E(e.Finess)}\">");
        h.Append($"<h3 id=\"est-{E(e.Finess)}\">{E(e.Name)} <span class=\"finess\">FINESS {E(e.Finess)}</span></h3>");
        if (!w.HasHistory)
        {
            h.Append("<p class=\"report-none\">Aucune donnée connue pour cette semaine (pas d'historique).</p></section>");
            return;
        }
        h.Append("<div class=\"report-cols\"><div>");
        h.Append("<table class=\"report-table\"><caption>Lits par groupe</caption><thead><tr><th scope=\"col\">Groupe</th><th scope=\"col\">Installés</th>");
        h.Append("<th scope=\"col\">Disponibles 08:00<br><span class=\"sub\">min / moy. / max</span></th><th scope=\"col\">Disponibles 15:00<br><span class=\"sub\">min / moy. / max</span></th></tr></thead><tbody>");
        foreach (var g in w.Groups)
            h.Append($"<tr><th scope=\"row\">{E(g.Group)}</th><td>{g.Installed}</td><td>{Stats(g.Available08)}</td><td>{Stats(g.Available15)}</td></tr>");
        h.Append($"<tr class=\"total\"><th scope=\"row\">Total</th><td>{w.Groups.Sum(g => g.Installed)}</td><td>{Stats(w.Available08)}</td><td>{Stats(w.Available15)}</td></tr></tbody></table>");

        h.Append("<p class=\"report-bjml\" data-testid=\"report-bjml\">");
        h.Append(w.Bjml.Computable
            ? $"<strong>BJML {w.Bjml.Value}</strong> : lits d'aval disponibles sous le BJML {Plural(w.Bjml.DaysBelow ?? 0, "jour")}, {French.Number(w.Bjml.HoursBelow)} h."
            : $"<strong>BJML non calculable</strong> : {E(w.Bjml.Reason ?? "")}.");
        h.Append("</p>");

        h.Append("<table class=\"report-table levels\"><caption>Temps passé à chaque niveau calculé</caption><thead><tr>");
        foreach (var l in w.Levels) h.Append($"<th scope=\"col\"><span class=\"level-chip level-{l.Name}\">{E(l.Label)}</span></th>");
        h.Append("</tr></thead><tbody><tr>");
        foreach (var l in w.Levels) h.Append($"<td>{French.Number(l.Hours)} h</td>");
        h.Append("</tr></tbody></table>");
        if (w.KnownHours < (r.To - r.From).TotalHours - 0.05)
            h.Append($"<p class=\"sub\">État connu sur {French.Number(w.KnownHours)} h de la semaine.</p>");
        h.Append("</div><div>");

        if (e.EmergencyDepartment)
        {
            h.Append("<table class=\"report-table\"><caption>Nuits brancard (en attente d'un lit à 08:00)</caption><thead><tr>");
            foreach (var d in days) h.Append($"<th scope=\"col\">{French.Day(d)}</th>");
            h.Append("<th scope=\"col\">Total</th></tr></thead><tbody><tr>");
            foreach (var n in w.NightsOnTrolley) h.Append($"<td>{French.Number(n.Value)}</td>");
            h.Append($"<td><strong>{French.Number(w.NightsOnTrolleyTotal)}</strong></td></tr></tbody></table>");
            h.Append("<p class=\"report-peaks\">Pics de la semaine : ");
            h.Append($"attente d'un lit aux urgences <strong>{French.Number(w.EdWaitingPeak?.Value)}</strong>{(w.EdWaitingPeak is { } p ? $" ({French.Moment(p.At)})" : "")} ; ");
            h.Append($"patients en attente d'aval (bed blockers) <strong>{French.Number(w.BedBlockersPeak?.Value)}</strong>{(w.BedBlockersPeak is { } b ? $" ({French.Moment(b.At)})" : "")}.</p>");
        }
        else h.Append("<p class=\"sub\">Pas de service d'urgences : ni nuits brancard ni attente aux urgences.</p>");

        if (w.BedBlockers is { RegisterLines: > 0 } register) RegisterLine(h, register);
        Sparkline(h, e.Trend, e.Finess);
        Comparison(h, "Comparaison", r.Week, WeekComparison.Of(w), e.VsPreviousWeek, e.VsLastYear);
        Declarations(h, e.Declarations, "Déclarations (plan blanc, PMI…)");
        h.Append("</div></div></section>");
    }

    private static void Comparison(StringBuilder h, string caption, string week, WeekComparison s, WeekComparison s1, WeekComparison n1, bool summed = false)
    {
        h.Append($"<table class=\"report-table compare\"><caption>{E(caption)}</caption><thead><tr><th scope=\"col\">Indicateur</th><th scope=\"col\">S ({E(week)})</th>");
        h.Append($"<th scope=\"col\">S-1{(s1.Week is { } a ? $" ({E(a)})" : "")}</th><th scope=\"col\">N-1{(n1.Week is { } b ? $" ({E(b)})" : "")}</th></tr></thead><tbody>");
        Row(h, "Lits disponibles à 08:00 (moyenne)", s.Available08Mean, s1.HasHistory ? s1.Available08Mean : null, s1, n1.HasHistory ? n1.Available08Mean : null, n1);
        Row(h, "Nuits brancard", s.NightsOnTrolley, s1.NightsOnTrolley, s1, n1.NightsOnTrolley, n1);
        Row(h, summed ? "Heures sous le BJML (cumul)" : "Heures sous le BJML", s.HoursBelowBjml, s1.HoursBelowBjml, s1, n1.HoursBelowBjml, n1);
        Row(h, summed ? "Heures en tension ou au-delà (cumul)" : "Heures en tension ou au-delà", s.HoursInTension, s1.HoursInTension, s1, n1.HoursInTension, n1);
        Row(h, summed ? "Pics d'attente aux urgences (somme)" : "Pic d'attente aux urgences", s.EdWaitingPeak, s1.EdWaitingPeak, s1, n1.EdWaitingPeak, n1);
        h.Append("</tbody></table>");
    }

    private static void Row(StringBuilder h, string label, double? now, double? prev, WeekComparison p, double? ly, WeekComparison l)
    {
        h.Append($"<tr><th scope=\"row\">{E(label)}</th><td>{French.Number(now)}</td><td>{Against(now, prev, p)}</td><td>{Against(now, ly, l)}</td></tr>");
    }

    private static string Against(double? now, double? then, WeekComparison c)
    {
        if (!c.HasHistory) return "<span class=\"sub\">pas d'historique</span>";
        if (then is null) return "—";
        return now is null ? French.Number(then) : $"{French.Number(then)} <span class=\"delta\">(S {French.Signed(Math.Round(now.Value - then.Value, 1))})</span>";
    }

    private static void Trend(StringBuilder h, IReadOnlyList<TrendPoint> trend, string caption)
    {
        h.Append($"<table class=\"report-table trend\"><caption>{E(caption)}</caption><thead><tr><th scope=\"col\">Semaine</th>");
        foreach (var t in trend) h.Append($"<th scope=\"col\">{E(t.Week[5..])}</th>");
        h.Append("</tr></thead><tbody>");
        h.Append("<tr><th scope=\"row\">Lits d'aval dispo. 08:00 (moy.)</th>");
        foreach (var t in trend) h.Append($"<td>{French.Number(t.AvailablePostEd08)}</td>");
        h.Append("</tr><tr><th scope=\"row\">BJML</th>");
        foreach (var t in trend) h.Append($"<td>{French.Number(t.Bjml)}</td>");
        h.Append("</tr><tr><th scope=\"row\">Nuits brancard</th>");
        foreach (var t in trend) h.Append($"<td>{French.Number(t.NightsOnTrolley)}</td>");
        h.Append("</tr></tbody></table>");
    }

    /// <summary>12 weeks of post-emergency available beds (solid line, dots) against the BJML (dashed): told by line style and legend, not colour.</summary>
    private static void Sparkline(StringBuilder h, IReadOnlyList<TrendPoint> trend, string id)
    {
        const int width = 240, height = 48, pad = 4;
        var values = trend.SelectMany(t => new[] { t.AvailablePostEd08, t.Bjml }).Where(v => v is not null).Select(v => v!.Value).ToList();
        var label = $"Douze semaines, de {trend[0].Week} à {trend[^1].Week} : lits d'aval disponibles à 08:00 (moyenne) "
            + string.Join(", ", trend.Select(t => French.Number(t.AvailablePostEd08))) + " ; BJML " + string.Join(", ", trend.Select(t => French.Number(t.Bjml))) + ".";
        h.Append($"<figure class=\"sparkline\"><svg role=\"img\" aria-labelledby=\"spark-{E(id)}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\"><title id=\"spark-{E(id)}\">{E(label)}</title>");
        if (values.Count > 0)
        {
            var max = Math.Max(1, values.Max());
            double X(int i) => pad + i * (width - 2.0 * pad) / Math.Max(1, trend.Count - 1);
            double Y(double v) => height - pad - v / max * (height - 2.0 * pad);
            string Points(Func<TrendPoint, double?> f) => string.Join(" ", trend.Select((t, i) => (f(t), i)).Where(x => x.Item1 is not null)
                .Select(x => FormattableString.Invariant($"{X(x.i):0.#},{Y(x.Item1!.Value):0.#}")));
            h.Append($"<polyline class=\"spark-bjml\" fill=\"none\" stroke-dasharray=\"4 3\" points=\"{Points(t => t.Bjml)}\"/>");
            h.Append($"<polyline class=\"spark-avail\" fill=\"none\" points=\"{Points(t => t.AvailablePostEd08)}\"/>");
            foreach (var (t, i) in trend.Select((t, i) => (t, i)).Where(x => x.t.AvailablePostEd08 is not null))
                h.Append(FormattableString.Invariant($"<circle class=\"spark-dot\" r=\"1.8\" cx=\"{X(i):0.#}\" cy=\"{Y(t.AvailablePostEd08!.Value):0.#}\"/>"));
        }
        h.Append("</svg><figcaption>12 semaines : <span class=\"key-solid\">— lits d'aval disponibles à 08:00</span>, <span class=\"key-dashed\">- - BJML</span></figcaption></figure>");
    }

    /// <summary>
    /// The bed-blocker registers of the département at the week's last known instant (issue 10 item 4): by awaited
    /// destination and by days waiting, with how many establishments keep a register and how many declare a figure.
    /// </summary>
    private static void BedBlockers(StringBuilder h, WeeklyReport r)
    {
        var all = r.Sections.SelectMany(s => s.Establishments).Where(e => e.Week.BedBlockers is not null).ToList();
        if (r.Totals.BedBlockers is not { } total) return;
        var keeping = all.Count(e => e.Week.BedBlockers!.Source == BedBlockerCounts.Register);
        h.Append("<div data-testid=\"report-bed-blockers\">");
        h.Append($"<p class=\"report-peaks\">Patients en attente d'aval (bed blockers) au {French.Moment(total.At)} : <strong>{total.Count}</strong>, " +
                 $"dont {Plural(total.RegisterLines, "ligne")} de registre ({Plural(keeping, "établissement")} tenant un registre, {all.Count - keeping} déclarant un chiffre).</p>");
        if (total.RegisterLines == 0)
        {
            h.Append("</div>");
            return;
        }
        h.Append("<div class=\"report-cols\"><div><table class=\"report-table\"><caption>Registre par destination attendue</caption><thead><tr><th scope=\"col\">Destination</th><th scope=\"col\">Patients</th></tr></thead><tbody>");
        foreach (var (code, label) in BedBlockerDestinations.All)
            h.Append($"<tr><th scope=\"row\">{E(label)}</th><td>{total.ByDestination.GetValueOrDefault(code)}</td></tr>");
        h.Append($"<tr class=\"total\"><th scope=\"row\">Total</th><td>{total.RegisterLines}</td></tr></tbody></table></div><div>");
        h.Append("<table class=\"report-table\"><caption>Registre par durée d'attente</caption><thead><tr><th scope=\"col\">Attente</th><th scope=\"col\">Patients</th></tr></thead><tbody>");
        foreach (var bucket in BedBlockerCounts.WaitBuckets)
            h.Append($"<tr><th scope=\"row\">{E(WaitLabel(bucket))}</th><td>{total.ByWait.GetValueOrDefault(bucket)}</td></tr>");
        h.Append($"<tr class=\"total\"><th scope=\"row\">Total</th><td>{total.RegisterLines}</td></tr></tbody></table></div></div></div>");
    }

    private static void RegisterLine(StringBuilder h, BedBlockerWeek b)
    {
        var destinations = BedBlockerDestinations.All.Where(d => b.ByDestination.GetValueOrDefault(d.Code) > 0)
            .Select(d => $"{E(d.Label)} {b.ByDestination[d.Code]}");
        var waits = BedBlockerCounts.WaitBuckets.Where(w => b.ByWait.GetValueOrDefault(w) > 0).Select(w => $"{E(WaitLabel(w))} {b.ByWait[w]}");
        h.Append($"<p class=\"report-peaks\" data-testid=\"report-register\">Registre au {French.Moment(b.At)} : <strong>{Plural(b.RegisterLines, "patient")}</strong> en attente d'aval — " +
                 $"{string.Join(", ", destinations)} ; attente {string.Join(", ", waits)}.</p>");
    }

    private static string WaitLabel(string bucket) => bucket == ">30" ? "plus de 30 j" : bucket.Replace("-", " à ") + " j";

    private static void Declarations(StringBuilder h, IReadOnlyList<DeclarationSpan> spans, string caption)
    {
        if (spans.Count == 0)
        {
            h.Append($"<p class=\"sub\">{E(caption)} : aucune cette semaine.</p>");
            return;
        }
        h.Append($"<table class=\"report-table\"><caption>{E(caption)}</caption><thead><tr><th scope=\"col\">Niveau</th><th scope=\"col\">Motif</th><th scope=\"col\">Début</th><th scope=\"col\">Fin</th></tr></thead><tbody>");
        foreach (var d in spans)
            h.Append($"<tr><td><span class=\"level-chip level-{TensionLevel.Name(d.Level)}\">{E(d.LevelLabel)}</span></td><td>{E(d.Reason)} <span class=\"sub\">({E(d.By)})</span></td>"
                + $"<td>{French.Moment(d.Start, year: true)}</td><td>{(d.End is { } end ? French.Moment(end, year: true) + (d.EndReason is { } why ? $" <span class=\"sub\">({E(why)})</span>" : "") : "en cours")}</td></tr>");
        h.Append("</tbody></table>");
    }

    private static void Actions(StringBuilder h, IReadOnlyList<MeetingAction> actions, string week, IReadOnlyDictionary<string, string> names)
    {
        h.Append("<section class=\"report-block report-actions\" aria-labelledby=\"actions-title\"><h2 id=\"actions-title\">Actions de la réunion</h2>");
        if (actions.Count == 0)
        {
            h.Append("<p class=\"sub\" data-testid=\"actions-empty\">Aucune action ouverte ni enregistrée cette semaine.</p></section>");
            return;
        }
        h.Append("<table class=\"report-table text\" data-testid=\"actions-table\"><thead><tr><th scope=\"col\">N°</th><th scope=\"col\">Action</th><th scope=\"col\">Établissement</th><th scope=\"col\">Porteur</th><th scope=\"col\">Échéance</th><th scope=\"col\">Statut</th><th scope=\"col\">Depuis</th></tr></thead><tbody>");
        foreach (var a in actions)
            h.Append($"<tr data-action-id=\"{a.Id}\"><td>{a.Id}</td><td>{E(a.What)}</td><td>{E(a.Establishment is { } f ? names.GetValueOrDefault(f, f) : "—")}</td><td>{E(a.Owner)}</td><td>{French.DateOf(a.DueDate)}</td>"
                + $"<td><span class=\"status status-{E(a.Status)}\">{E(a.StatusLabel)}</span></td><td>{(a.Week == week ? "cette semaine" : E(a.Week) + " (reportée)")}</td></tr>");
        h.Append("</tbody></table></section>");
    }

    private static string Stats(CensusStats? s) => s is null ? "—"
        : $"{s.Min} / {French.Number(s.Mean)} / {s.Max}{(s.Samples < 7 ? $" <span class=\"sub\">({s.Samples} j)</span>" : "")}";

    private static string Plural(int n, string word) => $"{n} {word}{(n > 1 ? "s" : "")}";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
