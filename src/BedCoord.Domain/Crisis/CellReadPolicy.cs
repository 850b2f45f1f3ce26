using BedCoord.Domain.Access;
using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Crisis;

/// <summary>
/// Who may read a crisis cell (its main courante, measures, requests): the scope's viewers, i.e. a caller whose token
/// places them on the scope or above it (region, sector or establishment claim on the scope's chain), or below it for
/// a territorial cell that coordinates them. Writing is declaring (<see cref="WriteKind.Declaration"/>).
/// </summary>
public static class CellReadPolicy
{
    public static bool Allows(Caller caller, ScopeRef scope, TerritoryCatalog territory)
    {
        if (!territory.Contains(scope) || !Roles.IsKnown(caller.Role)) return false;
        if (caller.Role == Roles.Admin) return true;
        foreach (var s in territory.SelfAndAncestors(scope))
        {
            var mine = s.Kind switch
            {
                ScopeKind.Region => caller.Region == s.Id,
                ScopeKind.Sector => caller.Sectors.Contains(s.Id),
                ScopeKind.Establishment => caller.Establishments.Contains(s.Id),
                _ => false,
            };
            if (mine) return true;
        }
        return false;
    }
}
