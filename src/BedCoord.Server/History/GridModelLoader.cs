using BedCoord.Domain.History;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Tension;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.History;

namespace BedCoord.Server.History;

/// <summary>Builds the grid as it was at an instant from the input log: for replay and to start the projector.</summary>
public sealed class GridModelLoader(InputLog inputs, TerritoryCatalogHolder territory, RuleBookHolder rules, IGrainFactory grains)
{
    /// <summary>The model of the subtree under <paramref name="scope"/> (the whole territory when null) at <paramref name="at"/>.</summary>
    public async Task<GridModel> ModelAtAsync(DateTimeOffset at, ScopeRef? scope, CancellationToken ct = default)
    {
        await rules.RefreshAsync(grains);
        var catalog = territory.Current;
        var book = rules.Current;
        var model = new GridModel(catalog, finess => book.Effective(new ScopeRef(ScopeKind.Establishment, finess), catalog).Rules.StaleAfter);
        var scopes = scope is { } s ? Subtree(catalog, s) : catalog.Document.Regions.SelectMany(r => Subtree(catalog, new ScopeRef(ScopeKind.Region, r.Id))).ToList();
        var units = scopes.Where(x => x.Kind == ScopeKind.Unit).Select(x => x.Id).ToList();
        var establishments = scopes.Where(x => x.Kind == ScopeKind.Establishment).Select(x => x.Id).ToList();
        var aggregates = scopes.Where(x => x.Kind != ScopeKind.Unit).ToList();
        model.Load(await inputs.StateAtAsync(at, units, establishments, aggregates, ct), at);
        return model;
    }

    public async Task<HistoryProjector> ProjectorAtAsync(DateTimeOffset start, CancellationToken ct = default)
    {
        // The state in force just before the first minute to compute: inputs at exactly `start` belong to it.
        var model = await ModelAtAsync(start.AddTicks(-1), null, ct);
        var projector = new HistoryProjector(model, start);
        projector.SeedFromModel(AllScopes(model.Catalog));
        return projector;
    }

    private static IEnumerable<ScopeRef> AllScopes(TerritoryCatalog catalog) =>
        catalog.Document.Regions.SelectMany(r => Subtree(catalog, new ScopeRef(ScopeKind.Region, r.Id)));

    private static List<ScopeRef> Subtree(TerritoryCatalog catalog, ScopeRef root)
    {
        var all = new List<ScopeRef>();
        var stack = new Stack<ScopeRef>([root]);
        while (stack.Count > 0)
        {
            var s = stack.Pop();
            all.Add(s);
            foreach (var c in catalog.ChildrenOf(s)) stack.Push(c);
        }
        return all;
    }
}
