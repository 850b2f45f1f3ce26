using BedCoord.Domain.Territory;

namespace BedCoord.Domain.Access;

/// <summary>Decides whether a caller may write a kind of thing on a scope (domain.md §8).</summary>
public static class WritePolicy
{
    public static bool Allows(Caller caller, WriteKind write, ScopeRef scope, TerritoryCatalog territory)
    {
        if (!territory.Contains(scope)) return false;
        var chain = territory.SelfAndAncestors(scope).ToList();
        var region = chain.FirstOrDefault(s => s.Kind == ScopeKind.Region).Id;

        switch (caller.Role)
        {
            case Roles.Admin:
                return true;
            case Roles.Supervisor:
                return write != WriteKind.ReferenceData && caller.Region is not null && caller.Region == region;
            case Roles.Coordinator:
                if (write == WriteKind.ReferenceData) return false;
                var sector = chain.FirstOrDefault(s => s.Kind == ScopeKind.Sector).Id;
                if (sector is null || !caller.Sectors.Contains(sector)) return false;
                return write switch
                {
                    WriteKind.EstablishmentFigures => scope.Kind is ScopeKind.Establishment or ScopeKind.Unit,
                    WriteKind.Declaration => scope.Kind is ScopeKind.Establishment or ScopeKind.Department or ScopeKind.Sector,
                    WriteKind.RuleSet => scope.Kind is ScopeKind.Establishment or ScopeKind.Department or ScopeKind.Sector,
                    WriteKind.MeetingReport => scope.Kind is ScopeKind.Department,
                    // A coordinator connects systems for the sectors they coordinate, not for the whole region.
                    WriteKind.Webhook => scope.Kind is ScopeKind.Sector or ScopeKind.Department or ScopeKind.Establishment,
                    _ => false,
                };
            case Roles.BedManager:
                if (write is not (WriteKind.EstablishmentFigures or WriteKind.Declaration)) return false;
                var establishment = chain.FirstOrDefault(s => s.Kind == ScopeKind.Establishment).Id;
                return establishment is not null && scope.Kind is ScopeKind.Establishment or ScopeKind.Unit
                       && caller.Establishments.Contains(establishment);
            default:
                return false;
        }
    }
}
