namespace BedCoord.Domain.Territory;

/// <summary>
/// Indexed, read-only view of a <see cref="TerritoryDocument"/>: who is whose parent, who are whose
/// children. Built once per document version and shared by the grains of a silo.
/// </summary>
public sealed class TerritoryCatalog
{
    private readonly Dictionary<ScopeRef, Node> _nodes = new();

    public TerritoryDocument Document { get; }
    public long Version => Document.Version;

    public TerritoryCatalog(TerritoryDocument document)
    {
        Document = document;
        foreach (var region in document.Regions)
        {
            var regionRef = new ScopeRef(ScopeKind.Region, region.Id);
            Add(regionRef, region.Name, null, region.Sectors.Select(s => new ScopeRef(ScopeKind.Sector, s.Id)));
            foreach (var sector in region.Sectors)
            {
                var sectorRef = new ScopeRef(ScopeKind.Sector, sector.Id);
                Add(sectorRef, sector.Name, regionRef, sector.Departments.Select(d => new ScopeRef(ScopeKind.Department, d.Code)));
                foreach (var dept in sector.Departments)
                {
                    var deptRef = new ScopeRef(ScopeKind.Department, dept.Code);
                    Add(deptRef, dept.Name, sectorRef, dept.Establishments.Select(e => new ScopeRef(ScopeKind.Establishment, e.Id)));
                    foreach (var est in dept.Establishments)
                    {
                        var estRef = new ScopeRef(ScopeKind.Establishment, est.Id);
                        Add(estRef, est.Name, deptRef, est.Units.Select(u => new ScopeRef(ScopeKind.Unit, Identifiers.UnitKey(est.Id, u.Id))), est);
                        foreach (var unit in est.Units)
                            Add(new ScopeRef(ScopeKind.Unit, Identifiers.UnitKey(est.Id, unit.Id)), unit.Name, estRef, [], est, unit);
                    }
                }
            }
        }
    }

    private void Add(ScopeRef scope, string name, ScopeRef? parent, IEnumerable<ScopeRef> children,
        EstablishmentInfo? establishment = null, UnitInfo? unit = null) =>
        _nodes[scope] = new Node(name, parent, children.ToArray(), establishment, unit);

    public bool Contains(ScopeRef scope) => _nodes.ContainsKey(scope);
    public bool Contains(ScopeKind kind, string id) => _nodes.ContainsKey(new ScopeRef(kind, id));

    public string? NameOf(ScopeRef scope) => _nodes.TryGetValue(scope, out var n) ? n.Name : null;
    public ScopeRef? ParentOf(ScopeRef scope) => _nodes.TryGetValue(scope, out var n) ? n.Parent : null;
    public IReadOnlyList<ScopeRef> ChildrenOf(ScopeRef scope) => _nodes.TryGetValue(scope, out var n) ? n.Children : [];

    public EstablishmentInfo? Establishment(string finess) =>
        _nodes.TryGetValue(new ScopeRef(ScopeKind.Establishment, finess), out var n) ? n.Establishment : null;

    public UnitInfo? Unit(string finess, string unitId) =>
        _nodes.TryGetValue(new ScopeRef(ScopeKind.Unit, Identifiers.UnitKey(finess, unitId)), out var n) ? n.Unit : null;

    /// <summary>The scope itself, then its parent, up to its region.</summary>
    public IEnumerable<ScopeRef> SelfAndAncestors(ScopeRef scope)
    {
        ScopeRef? current = Contains(scope) ? scope : null;
        while (current is { } c)
        {
            yield return c;
            current = ParentOf(c);
        }
    }

    public IEnumerable<EstablishmentInfo> Establishments() =>
        _nodes.Values.Where(n => n.Unit is null && n.Establishment is not null).Select(n => n.Establishment!);

    private sealed record Node(string Name, ScopeRef? Parent, ScopeRef[] Children, EstablishmentInfo? Establishment, UnitInfo? Unit);
}
