using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Import;

/// <summary>What an import did, level by level.</summary>
public sealed record ImportReport(int Added, int Updated, int Unchanged, int KeptNotInFile, IReadOnlyList<string> AddedUnits)
{
    public bool ChangedStructure => Added > 0 || Updated > 0;
}

/// <summary>
/// Merges an imported tree into the current one. Matching nodes are updated in place, new ones added,
/// and nodes absent from the file are kept (and counted), so a partial re-import never drops live state.
/// </summary>
public static class TerritoryMerge
{
    public static (TerritoryDocument Merged, ImportReport Report) Merge(TerritoryDocument current, TerritoryDocument incoming)
    {
        var counter = new Counter();
        var regions = MergeList(current.Regions, incoming.Regions, r => r.Id, counter, (old, @new) =>
            @new with { Sectors = MergeList(old.Sectors, @new.Sectors, s => s.Id, counter, (os, ns) =>
                ns with { Departments = MergeList(os.Departments, ns.Departments, d => d.Code, counter, (od, nd) =>
                    nd with { Population = nd.Population ?? od.Population,
                              Establishments = MergeList(od.Establishments, nd.Establishments, e => e.Id, counter, (oe, ne) =>
                                  ne with { Units = MergeList(oe.Units, ne.Units, u => u.Id, counter, (_, nu) => nu) }) }) }) });

        var existingUnits = AllEstablishments(current).SelectMany(e => e.Units.Select(u => Identifiers.UnitKey(e.Id, u.Id))).ToHashSet();
        foreach (var est in AllEstablishments(incoming))
            foreach (var unit in est.Units)
                if (!existingUnits.Contains(Identifiers.UnitKey(est.Id, unit.Id))) counter.AddedUnits.Add(Identifiers.UnitKey(est.Id, unit.Id));

        var changed = counter.Added + counter.Updated > 0;
        var merged = new TerritoryDocument(regions, changed ? current.Version + 1 : current.Version);
        return (merged, new ImportReport(counter.Added, counter.Updated, counter.Unchanged, counter.Kept, counter.AddedUnits));
    }

    private static List<T> MergeList<T>(IReadOnlyList<T> current, IReadOnlyList<T> incoming, Func<T, string> key,
        Counter counter, Func<T, T, T> mergeMatched) where T : class
    {
        var incomingByKey = incoming.ToDictionary(key);
        var result = new List<T>();
        foreach (var old in current)
        {
            if (incomingByKey.Remove(key(old), out var @new))
            {
                var merged = mergeMatched(old, @new);
                if (SameShape(old, merged)) counter.Unchanged++; else counter.Updated++;
                result.Add(merged);
            }
            else { counter.Kept++; result.Add(old); }
        }
        foreach (var @new in incoming.Where(n => incomingByKey.ContainsKey(key(n))))
        {
            counter.Added++;
            result.Add(@new);
        }
        return result;
    }

    // Records holding lists compare those lists by reference, so compare a fingerprint of the leaf fields instead.
    private static bool SameShape<T>(T a, T b) where T : class => Fingerprint(a) == Fingerprint(b);

    private static string Fingerprint(object node) => node switch
    {
        RegionInfo r => $"{r.Id}|{r.Name}|{string.Join(",", r.Sectors.Select(Fingerprint))}",
        SectorInfo s => $"{s.Id}|{s.Name}|{string.Join(",", s.Departments.Select(Fingerprint))}",
        DepartmentInfo d => $"{d.Code}|{d.Name}|{d.Population}|{string.Join(",", d.Establishments.Select(Fingerprint))}",
        EstablishmentInfo e => $"{e.Id}|{e.Name}|{e.Category}|{e.DepartmentCode}|{e.Latitude}|{e.Longitude}|{e.EmergencyDepartment}|{string.Join(",", e.Units.Select(Fingerprint))}",
        UnitInfo u => $"{u.Id}|{u.Name}|{u.Category}",
        _ => node.ToString() ?? "",
    };

    private static IEnumerable<EstablishmentInfo> AllEstablishments(TerritoryDocument doc) =>
        doc.Regions.SelectMany(r => r.Sectors).SelectMany(s => s.Departments).SelectMany(d => d.Establishments);

    private sealed class Counter
    {
        public int Added, Updated, Unchanged, Kept;
        public readonly List<string> AddedUnits = [];
    }
}
