using BedCoord.Domain.Crisis;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Territory;
using BedCoord.Server.Api;
using BedCoord.Server.Auth;

namespace BedCoord.Server.Crisis;

/// <summary>Reading a cell: the scope exists and the caller is one of its viewers (<see cref="CellReadPolicy"/>).</summary>
public static class CellAccess
{
    /// <summary>Null when the caller may read the cell of "/api/{kind}/{id}"; else the 404 or 403 to answer.</summary>
    public static IResult? Read(HttpContext http, TerritoryCatalogHolder territory, string kind, string id, out ScopeRef scope)
    {
        if (ScopeRoute.Find(territory, kind, id, out scope) is { } notFound) return notFound;
        var caller = http.User.ToCaller();
        return CellReadPolicy.Allows(caller, scope, territory.Current)
            ? null
            : Problems.Forbidden($"{caller.Subject} ne peut pas consulter la cellule de {territory.Current.NameOf(scope) ?? scope.Id} : hors de son périmètre.");
    }

    /// <summary>Scope strings for a subtree query: "OCC/NORD/12/120000016".</summary>
    public static string PathOf(TerritoryCatalogHolder territory, ScopeRef scope) => Persistence.Alerts.AlertStore.PathOf(scope, territory.Current);

    /// <summary>The scope and everything under it down to establishments (units keep no cell).</summary>
    public static IEnumerable<ScopeRef> Subtree(TerritoryCatalog territory, ScopeRef scope)
    {
        yield return scope;
        if (scope.Kind == ScopeKind.Establishment) yield break;
        foreach (var child in territory.ChildrenOf(scope))
            foreach (var s in Subtree(territory, child))
                yield return s;
    }

    public static string Plural(ScopeKind kind) => kind.Name() + "s";
}
