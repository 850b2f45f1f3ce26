using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Exchange.Fhir;
using BedCoord.Grains.Abstractions;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace BedCoord.Server.Exchange;

/// <summary>Builds Locations and Organizations from the live grid, fetching each establishment's summary once.</summary>
public sealed class FhirResources(FhirContext context)
{
    /// <summary>The resources of the index entries, in their order; entries whose state is not known yet are left out.</summary>
    public async Task<IReadOnlyList<(Resource Resource, DateTimeOffset UpdatedAt)>> LocationsAsync(IReadOnlyList<IndexEntry> entries)
    {
        var catalog = context.Territory.Current;
        var establishments = await EstablishmentSummaries(entries.Select(e => e.Organization).OfType<string>().Distinct());
        var nodes = await Summaries(entries.Where(e => e.Scope.Kind is not (ScopeKind.Unit or ScopeKind.Establishment)).Select(e => e.Scope));
        var result = new List<(Resource, DateTimeOffset)>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Scope.Kind == ScopeKind.Unit)
            {
                var (finess, unitId) = Identifiers.SplitUnitKey(entry.Scope.Id);
                var unitState = establishments.GetValueOrDefault(finess)?.Children?.FirstOrDefault(c => c.Id == unitId);
                if (unitState is null || catalog.Establishment(finess) is not { } est || catalog.Unit(finess, unitId) is not { } unit) continue;
                result.Add((LocationMap.ToFhir(est, unit, unitState, context.Codes), unitState.UpdatedAt));
                continue;
            }
            var summary = entry.Scope.Kind == ScopeKind.Establishment ? establishments.GetValueOrDefault(entry.Scope.Id) : nodes.GetValueOrDefault(entry.Scope);
            if (summary is null) continue;
            result.Add((Node(entry.Scope, summary), summary.UpdatedAt));
        }
        return result;
    }

    public async Task<IReadOnlyList<(Resource Resource, DateTimeOffset UpdatedAt)>> OrganizationsAsync(IReadOnlyList<IndexEntry> entries)
    {
        var catalog = context.Territory.Current;
        var summaries = await Summaries(entries.Select(e => e.Scope));
        var result = new List<(Resource, DateTimeOffset)>(entries.Count);
        foreach (var entry in entries)
        {
            if (catalog.Establishment(entry.Id) is not { } est || summaries.GetValueOrDefault(entry.Scope) is not { } summary) continue;
            var department = catalog.Document.Regions.SelectMany(r => r.Sectors).SelectMany(s => s.Departments).FirstOrDefault(d => d.Code == est.DepartmentCode);
            result.Add((OrganizationMap.ToFhir(est, department, summary.UpdatedAt, context.Codes), summary.UpdatedAt));
        }
        return result;
    }

    private Location Node(ScopeRef scope, Summary summary)
    {
        var catalog = context.Territory.Current;
        return TerritoryLocationMap.ToFhir(scope, catalog.NameOf(scope) ?? summary.Name, catalog.ParentOf(scope),
            scope.Kind == ScopeKind.Establishment ? catalog.Establishment(scope.Id) : null,
            s => ResourceIndex.DistrictOf(catalog, s), summary.UpdatedAt, context.Codes);
    }

    private async Task<Dictionary<string, Summary>> EstablishmentSummaries(IEnumerable<string> finessList)
    {
        var tasks = finessList.Select(async f => (f, await context.Grains.GetGrain<IEstablishmentGrain>(f).GetSummary(true))).ToList();
        return (await Task.WhenAll(tasks)).ToDictionary(x => x.f, x => x.Item2, StringComparer.Ordinal);
    }

    private async Task<Dictionary<ScopeRef, Summary>> Summaries(IEnumerable<ScopeRef> scopes)
    {
        var tasks = scopes.Distinct().Select(async s => (s, await context.Grains.Scope(s).GetSummary(false))).ToList();
        return (await Task.WhenAll(tasks)).ToDictionary(x => x.s, x => x.Item2);
    }
}
