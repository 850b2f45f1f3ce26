using System.Globalization;

namespace BedCoord.Domain.Bjml;

/// <summary>An ISO 8601 week: weeks start on Monday and week 1 holds the year's first Thursday.</summary>
[GenerateSerializer, Immutable, Alias("bedcoord.iso-week")]
public readonly record struct IsoWeek([property: Id(0)] int Year, [property: Id(1)] int Week)
{
    public static IsoWeek Of(DateOnly date)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(day), ISOWeek.GetWeekOfYear(day));
    }

    /// <summary>Whether this week exists: week 53 exists only in long ISO years (2020, 2026, 2032...).</summary>
    public bool Exists => Year is >= 1 and <= 9998 && Week >= 1 && Week <= ISOWeek.GetWeeksInYear(Year);

    /// <summary>Monday to Sunday of this week; none when the week does not exist.</summary>
    public IReadOnlyList<DateOnly> Days()
    {
        if (!Exists) return [];
        var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));
        return Enumerable.Range(0, 7).Select(monday.AddDays).ToArray();
    }

    public override string ToString() => $"{Year}-W{Week:00}";
}
