using BedCoord.Domain.Access;
using BedCoord.Domain.Crisis;
using BedCoord.Domain.Summaries;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Abstractions;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.Crisis;

namespace BedCoord.Server.Crisis;

/// <summary>A declaration in force somewhere in the cell's subtree, with how long it has lasted.</summary>
public sealed record DeclarationInForce(string Scope, string ScopeId, string Name, int Level, string LevelName, string Reason, string By,
    DateTimeOffset At, DateTimeOffset? ExpiresAt, long DurationMinutes);

/// <summary>GET …/cell: what the cell page shows at once.</summary>
public sealed record CellOverview(string Scope, string ScopeId, string Name, bool CanWrite, Summary Summary,
    IReadOnlyList<DeclarationInForce> Declarations, IReadOnlyDictionary<string, int> EstablishmentsByLevel,
    IReadOnlyList<MeasureView> OpenMeasures, int OverdueMeasures, IReadOnlyList<ReinforcementRequest> OpenRequests,
    long LogbookEntries, string LogbookHead, DateTimeOffset At);

/// <summary>Gathers a cell's overview: live summaries of the subtree, open measures and requests, the chain's head.</summary>
public sealed class CellOverviews(IGrainFactory grains, TerritoryCatalogHolder territory, MeasureStore measures, RequestStore requests,
    LogbookStore logbook, TimeProvider clock)
{
    public async Task<CellOverview> BuildAsync(ScopeRef scope, Caller caller, CancellationToken ct)
    {
        var catalog = territory.Current;
        var subtree = CellAccess.Subtree(catalog, scope).ToList();
        var summaries = await Task.WhenAll(subtree.Select(s => grains.Scope(s).GetSummary(false)));
        var now = clock.GetUtcNow();
        var declarations = summaries.Where(s => s.Declaration is not null)
            .Select(s => new DeclarationInForce(s.Kind.Name(), s.Id, catalog.NameOf(new ScopeRef(s.Kind, s.Id)) ?? s.Name, s.Declaration!.Level,
                Domain.Tension.TensionLevel.Name(s.Declaration.Level), s.Declaration.Reason, s.Declaration.By, s.Declaration.At, s.Declaration.ExpiresAt,
                (long)(now - s.Declaration.At).TotalMinutes))
            .OrderBy(d => d.At).ThenBy(d => d.Name, StringComparer.Ordinal)
            .ToList();
        var byLevel = summaries.Where(s => s.Kind == ScopeKind.Establishment)
            .GroupBy(s => s.LevelName).ToDictionary(g => g.Key, g => g.Count());
        var path = CellAccess.PathOf(territory, scope);
        var open = (await measures.ListAsync(path, openOnly: true, subtree: true, ct))
            .Select(m => MeasureView.Of(m, catalog.NameOf(new ScopeRef(m.Scope, m.ScopeId)) ?? m.ScopeId, now))
            .OrderByDescending(m => m.Overdue).ThenBy(m => m.DueAt ?? DateTimeOffset.MaxValue).ToList();
        var openRequests = await requests.ListAsync(path, openOnly: true, 500, ct);
        var (entries, head) = await logbook.HeadAsync(scope, ct);
        var summary = await grains.Scope(scope).GetSummary(true);
        return new CellOverview(scope.Kind.Name(), scope.Id, catalog.NameOf(scope) ?? scope.Id,
            WritePolicy.Allows(caller, WriteKind.Declaration, scope, catalog), summary, declarations, byLevel,
            open, open.Count(m => m.Overdue), openRequests, entries, head, now);
    }
}
