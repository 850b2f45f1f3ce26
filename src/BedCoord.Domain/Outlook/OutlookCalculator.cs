namespace BedCoord.Domain.Outlook;

/// <summary>
/// The 24 h outlook of available beds (issue 9 item 5, docs/OUTLOOK.md): from the state now, add the
/// discharges the units expect within 24 h and take away the BJML, each spread over the coming hours by its
/// hourly profile, the net flow scaled by the share of it the scope's past four weeks showed (calibration).
/// An estimate, labelled with its method; the band is the calibrated past error, or a counting rule without history.
/// </summary>
public static class OutlookCalculator
{
    public const string MethodId = "flux-24h-v2";
    public static readonly IReadOnlyList<int> Horizons = [0, 6, 12, 24];

    /// <summary>
    /// Half-width of the band per expected movement: admissions and discharges are counts, roughly Poisson,
    /// so their spread grows as the square root of how many are expected; 1.28 standard deviations is an 80 % band.
    /// </summary>
    public const double BandZ = 1.28;

    public static OutlookResult Compute(OutlookInputs inputs)
    {
        var calibration = inputs.Calibration ?? OutlookCalibration.None;
        var day = inputs.At.AddHours(24);
        // Both daily figures are for the next 24 h: each horizon gets the part of the profile's weight it
        // covers, so that 24 h gets all of it, on 23 h and 25 h days as on others.
        var dischargeDay = inputs.Discharges.Weight(inputs.At, day);
        var admissionDay = inputs.Admissions.Weight(inputs.At, day);
        var points = new List<OutlookPoint>(Horizons.Count);
        foreach (var h in Horizons)
        {
            var at = inputs.At.AddHours(h);
            var discharges = inputs.ExpectedDischarges * Share(inputs.Discharges.Weight(inputs.At, at), dischargeDay);
            var admissions = (inputs.Bjml ?? 0) * Share(inputs.Admissions.Weight(inputs.At, at), admissionDay);
            // No more beds than are open can be free, whatever the discharges announced.
            var raw = Math.Min(inputs.Available + calibration.FactorAt(h) * (discharges - admissions), Math.Max(inputs.Open, inputs.Available));
            var spread = BandZ * (calibration.Spread.TryGetValue(h, out var past) ? past : Math.Sqrt(discharges + admissions));
            // Without a BJML the admissions are unknown: the estimate counts none (its high side) and the band's
            // low end is "admissions replace every discharge", i.e. no better than now.
            var low = inputs.Bjml is null ? Math.Min(raw, inputs.Available) - spread : raw - spread;
            var high = Math.Min(raw + spread, Math.Max(inputs.Open, inputs.Available));
            points.Add(new OutlookPoint(h, at, Round(Math.Max(0, raw)), Round(Math.Max(0, low)), Round(Math.Max(0, high)),
                Round(Math.Max(0, -raw)), Round(discharges), Round(admissions)));
        }
        return new OutlookResult(inputs.At, Describe(inputs), points, inputs);
    }

    private static double Share(double part, double whole) => whole <= 0 ? 0 : part / whole;

    private static double Round(double x) => Math.Round(x, 1, MidpointRounding.AwayFromZero);

    /// <summary>The method in words, for the label next to the dashed line (French, as the board).</summary>
    public static string Describe(OutlookInputs i)
    {
        var flows = $"{i.ExpectedDischarges} sortie(s) prévue(s) sur 24 h" + (i.Bjml is { } b ? $" − BJML de {b} lit(s)/jour" : "");
        var c = i.Calibration is { Calibrated: true } cal ? cal : null;
        var text = $"Estimation, non mesure : lits disponibles maintenant ({i.Available}) + "
            + (c is null ? flows : $"k × ({flows})")
            + $" ; sorties réparties selon leur profil horaire ({ProfileLabel(i.Discharges)})"
            + (i.Bjml is null ? "" : $", BJML selon le profil horaire des admissions ({ProfileLabel(i.Admissions)})")
            + (i.Bjml is not null && i.BjmlNote is { } partial ? $" [{partial}]" : "") + ". ";
        if (c is not null)
            text += $"k est la part de ces flux qui s'est vue dans les lits disponibles de ce périmètre sur les {c.Instants / 24} derniers jours : "
                + string.Join(", ", c.Factors.OrderBy(f => f.Key).Select(f => $"{Decimal(f.Value, 2)} à {f.Key} h")) + ". ";
        if (i.Bjml is null)
            // Aggregates' reasons already start with "BJML non calculable": say it once.
            text += (i.BjmlNote is { } why && why.StartsWith("BJML", StringComparison.Ordinal) ? why : $"BJML non calculable ({i.BjmlNote ?? "raison inconnue"})")
                + " : seules les sorties prévues sont comptées, l'estimation est haute "
                + "et le bas de la fourchette suppose que les admissions remplacent toutes les sorties. ";
        return text + (c is null
            ? $"Fourchette : ± {Decimal(BandZ, 2)} × √(entrées + sorties attendues) (historique trop court pour mesurer l'écart)."
            : $"Fourchette : ± {Decimal(BandZ, 2)} × l'écart quadratique moyen de cette estimation à chaque horizon sur la même période.");
    }

    // French decimal comma without a culture (the server runs with InvariantGlobalization).
    private static string Decimal(double x, int digits) =>
        Math.Round(x, digits).ToString("0." + new string('#', digits), System.Globalization.CultureInfo.InvariantCulture).Replace('.', ',');

    private static string ProfileLabel(HourlyProfile p) => p.Source == HourlyProfile.Learnt
        ? $"appris sur {p.Days} jour(s) d'historique"
        : p.Days > 0 ? $"par défaut, historique trop court : {p.Days} jour(s)" : "par défaut, pas d'historique";
}
