using System.Globalization;
using BedCoord.Domain.History;
using BedCoord.Domain.Summaries;

namespace BedCoord.Domain.Contacts;

/// <summary>Who of an establishment's contacts is on duty at an instant (Europe/Paris hours), and the list in call order.</summary>
public static class ContactRoster
{
    public static bool IsOnDuty(Contact contact, DateTimeOffset at)
    {
        if (contact.From is null || contact.To is null) return OnDay(contact, Weekday(Local(at)));
        var local = Local(at);
        var time = TimeOnly.FromDateTime(local);
        var from = Parse(contact.From);
        var to = Parse(contact.To);
        var day = Weekday(local);
        var previous = day == 1 ? 7 : day - 1;
        if (from < to) return OnDay(contact, day) && time >= from && time < to;
        // Overnight (or all day when from == to): the evening belongs to today's range, the morning to yesterday's.
        return (OnDay(contact, day) && time >= from) || (OnDay(contact, previous) && time < to);
    }

    /// <summary>The contacts on duty first, then the others, each group in the establishment's own order.</summary>
    public static IReadOnlyList<Contact> InCallOrder(IReadOnlyList<Contact> contacts, DateTimeOffset at) =>
        [.. contacts.Where(c => IsOnDuty(c, at)), .. contacts.Where(c => !IsOnDuty(c, at))];

    /// <summary>The first contact on duty, or null when nobody is at this hour.</summary>
    public static Contact? OnDuty(IReadOnlyList<Contact> contacts, DateTimeOffset at) => contacts.FirstOrDefault(c => IsOnDuty(c, at));

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>"20 h – 7 h 30, lun.–ven." from the structured hours, for contacts given without a text.</summary>
    public static string? Describe(Contact contact)
    {
        if (contact.From is null || contact.To is null)
            return contact.Days is null or { Count: 7 } ? "24 h/24, 7 j/7" : $"24 h/24, {DaysText(contact.Days)}";
        var range = contact.From == contact.To ? "24 h/24" : $"{TimeText(Parse(contact.From))} – {TimeText(Parse(contact.To))}";
        return contact.Days is null or { Count: 7 } ? $"{range}, 7 j/7" : $"{range}, {DaysText(contact.Days)}";
    }

    private static readonly string[] DayNames = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];

    private static string DaysText(IReadOnlyList<int> days)
    {
        var sorted = days.Distinct().Order().ToList();
        var consecutive = sorted.Count > 2 && sorted[^1] - sorted[0] == sorted.Count - 1;
        return consecutive ? $"{DayNames[sorted[0] - 1]}–{DayNames[sorted[^1] - 1]}" : string.Join(", ", sorted.Select(d => DayNames[d - 1]));
    }

    private static string TimeText(TimeOnly t) => t.Minute == 0 ? $"{t.Hour} h" : $"{t.Hour} h {t.Minute:00}";

    private static TimeOnly Parse(string text) => TryParseTime(text, out var t) ? t : TimeOnly.MinValue;

    private static DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Steps.Paris).DateTime;

    private static int Weekday(DateTime local) => local.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)local.DayOfWeek;

    private static bool OnDay(Contact contact, int day) => contact.Days is null || contact.Days.Contains(day);
}
