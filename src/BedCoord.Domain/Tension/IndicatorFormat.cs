using System.Globalization;

namespace BedCoord.Domain.Tension;

/// <summary>
/// Shows indicator values the French way (96 %, 12,5 %, 3 lits → "3") without relying on culture data,
/// which the invariant-globalization build does not carry.
/// </summary>
public static class IndicatorFormat
{
    public static string Value(string indicator, double value) =>
        Indicators.IsRate(indicator) ? $"{Number(value * 100)} %" : Number(value);

    /// <summary>A hysteresis on a rate is a difference of percentages, hence "points".</summary>
    public static string Margin(string indicator, double hysteresis) =>
        Indicators.IsRate(indicator) ? $"{Number(hysteresis * 100)} point{(hysteresis * 100 >= 2 ? "s" : "")}" : Number(hysteresis);

    private static string Number(double value) =>
        Math.Round(value, 1, MidpointRounding.AwayFromZero).ToString("0.#", CultureInfo.InvariantCulture).Replace('.', ',');
}
