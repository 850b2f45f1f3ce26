using BedCoord.Domain.Summaries;

namespace BedCoord.Domain.Demo;

/// <summary>
/// Fictional contact lines (bed manager, phone, hours) for the demo. Names are invented and say so; phone
/// numbers are in the ranges ARCEP keeps for fiction (04 65 71 xx xx in the south-east, 05 36 49 xx xx in
/// the south-west), so that no real line is ever called from a demo. About one establishment in eight has
/// none, as in real life, where some never filled it in.
/// </summary>
public static class DemoContacts
{
    private static readonly string[] FirstNames =
        ["Camille", "Nadia", "Julien", "Sophie", "Karim", "Élodie", "Thomas", "Inès", "Laurent", "Mathilde", "Hugo", "Sandrine", "Yacine", "Claire", "Pierre", "Amélie"];
    private static readonly string[] LastNames =
        ["Garcia", "Martin", "Roux", "Fabre", "Bonnet", "Vidal", "Castel", "Marty", "Fournier", "Benali", "Costes", "Lacombe", "Mercier", "Soulié", "Delmas", "Barthe"];

    // Départements of the 04 zone (south-east); the others of Occitanie dial 05.
    private static readonly HashSet<string> SouthEast = ["11", "30", "34", "48", "66"];

    public static Contact? For(string finess, string departmentCode, bool emergencyDepartment)
    {
        var random = DemoRandom.For(finess, seed: 4465);
        if (random.Next(8) == 0) return null;
        var name = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
        var role = emergencyDepartment ? "gestionnaire de lits" : "cadre de santé";
        var prefix = SouthEast.Contains(departmentCode) ? "04 65 71" : "05 36 49";
        var phone = $"{prefix} {random.Next(100):00} {random.Next(100):00}";
        var hours = emergencyDepartment
            ? random.Next(3) == 0 ? "24 h/24, 7 j/7" : "7 h 30 – 20 h, week-end : cadre de garde"
            : random.Next(2) == 0 ? "lun.–ven. 8 h – 17 h" : "lun.–ven. 9 h – 18 h, sam. 9 h – 12 h";
        return new Contact($"{name}, {role} (fictif)", phone, hours);
    }

    /// <summary>
    /// A fictional duty roster (issue 10 item 6): a bed manager by day on weekdays, a night nursing manager, an
    /// administrator on call 24/365 and, with an ED, its head nurse by day. Same names and numbers on every start.
    /// </summary>
    public static IReadOnlyList<Contact> RosterFor(string finess, string departmentCode, bool emergencyDepartment)
    {
        var random = DemoRandom.For(finess, seed: 4466);
        var prefix = SouthEast.Contains(departmentCode) ? "04 65 71" : "05 36 49";
        string Name() => $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]} (fictif)";
        string Phone() => $"{prefix} {random.Next(100):00} {random.Next(100):00}";
        int[] weekdays = [1, 2, 3, 4, 5];
        var roster = new List<Contact>
        {
            Describe(new Contact(Name(), Phone(), null, "Gestionnaire de lits de jour", "07:30", "19:30", weekdays)),
            Describe(new Contact(Name(), Phone(), null, "Cadre de soins de nuit", "19:30", "07:30")),
            Describe(new Contact(Name(), Phone(), null, "Administrateur de garde (24 h/24, 365 j/an)")),
        };
        if (emergencyDepartment)
            roster.Insert(1, Describe(new Contact(Name(), Phone(), null, "Cadre des urgences", "08:00", "18:00")));
        return roster;
    }

    private static Contact Describe(Contact c) => c with { Hours = Contacts.ContactRoster.Describe(c) };
}
