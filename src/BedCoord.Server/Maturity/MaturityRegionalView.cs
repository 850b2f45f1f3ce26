using BedCoord.Domain.Summaries;
using BedCoord.Domain.History;
using BedCoord.Domain.Maturity;
using BedCoord.Domain.Territory;
using BedCoord.Grains.Territory;
using BedCoord.Persistence.History;
using BedCoord.Persistence.Maturity;

namespace BedCoord.Server.Maturity;

/// <summary>GET /api/{kind}/{id}/maturity (and /api/nation/maturity): the index over a scope, with its distribution
/// by region (one row below the nation), sector and département.</summary>
public sealed record ScopeMaturity(
    string Kind,
    string Id,
    string Name,
    GridRef? Grid,
    DateTimeOffset Now,
    int TensionDays,
    MaturityDistribution Overall,
    IReadOnlyList<ThemeMean> Themes,
    IReadOnlyList<GroupMaturity> ByRegion,
    IReadOnlyList<GroupMaturity> BySector,
    IReadOnlyList<GroupMaturity> ByDepartment,
    IReadOnlyList<MaturityRow> Overdue,
    IReadOnlyList<MaturityRow> Establishments);

public sealed record GridRef(string Version, string Title, bool Demonstration);

public sealed record GroupMaturity(string Kind, string Id, string Name, MaturityDistribution Distribution);

public sealed record ThemeMean(string Theme, string Label, double? Mean, int Answered);

/// <summary>
/// One establishment with an ED: its latest score and, over the last <see cref="ScopeMaturity.TensionDays"/> days,
/// the days its effective level was tension or above (with how many of those days history covers).
/// </summary>
public sealed record MaturityRow(string Finess, string Name, string Region, string Sector, string DepartmentCode, double? Percent,
    DateTimeOffset? SubmittedAt, string? GridVersion, bool Overdue, double? DaysInTension, double? KnownDays);

/// <summary>Builds <see cref="ScopeMaturity"/> from the latest submissions and the level history.</summary>
public sealed class MaturityRegionalView(MaturityStore store, InputLog inputs, TerritoryCatalogHolder territory, TimeProvider clock)
{
    public const int TensionDays = 84;
    public static readonly TimeSpan OverdueAfter = TimeSpan.FromDays(365);

    public async Task<ScopeMaturity> BuildAsync(ScopeRef scope, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var catalog = territory.Current;
        // The nation is above every region: it holds every establishment (it is no ancestor in the catalog).
        var establishments = catalog.Establishments()
            .Where(e => e.EmergencyDepartment && (scope.Kind == ScopeKind.Nation || catalog.SelfAndAncestors(new ScopeRef(ScopeKind.Establishment, e.Id)).Contains(scope)))
            .ToList();
        var grid = await store.GridAsync(null, ct);
        var latest = (await store.LatestAsync(establishments.Select(e => e.Id).ToList(), ct)).ToDictionary(s => s.Establishment);
        var tension = await TensionAsync(establishments.Select(e => e.Id).ToList(), now, ct);

        string Above(EstablishmentInfo e, ScopeKind kind) => catalog.SelfAndAncestors(new ScopeRef(ScopeKind.Establishment, e.Id)).First(s => s.Kind == kind).Id;
        var rows = establishments.Select(e =>
        {
            var s = latest.GetValueOrDefault(e.Id);
            var (inTension, known) = tension[e.Id];
            return new MaturityRow(e.Id, e.Name, Above(e, ScopeKind.Region), Above(e, ScopeKind.Sector), e.DepartmentCode, s?.Score.Percent, s?.SubmittedAt, s?.GridVersion,
                s is null || now - s.SubmittedAt > OverdueAfter, inTension, known);
        }).OrderBy(r => r.Region, StringComparer.Ordinal).ThenBy(r => r.DepartmentCode, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();

        List<GroupMaturity> Groups(ScopeKind kind, Func<MaturityRow, string> key) => rows.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GroupMaturity(kind.Name(), g.Key, catalog.NameOf(new ScopeRef(kind, g.Key)) ?? g.Key,
                MaturityDistribution.Of(g.Select(r => r.Percent).ToList()))).ToList();

        var themes = grid?.Themes.Select(t =>
        {
            var values = latest.Values.Select(s => s.Score.Themes.FirstOrDefault(x => x.Theme == t.Id)?.Percent).Where(p => p is not null).Select(p => p!.Value).ToList();
            return new ThemeMean(t.Id, t.Label, values.Count > 0 ? Math.Round(values.Average(), 1) : null, values.Count);
        }).ToList() ?? [];

        var name = scope.Kind == ScopeKind.Nation ? NationalSummary.Name : catalog.NameOf(scope) ?? scope.Id;
        return new ScopeMaturity(scope.Kind.Name(), scope.Id, name,
            grid is null ? null : new GridRef(grid.Version, grid.Title, grid.Demonstration), now, TensionDays,
            MaturityDistribution.Of(rows.Select(r => r.Percent).ToList()), themes,
            Groups(ScopeKind.Region, r => r.Region), Groups(ScopeKind.Sector, r => r.Sector), Groups(ScopeKind.Department, r => r.DepartmentCode),
            rows.Where(r => r.Overdue).ToList(), rows);
    }

    /// <summary>Days at level ≥ tension and days covered by level history, per establishment, over the last <see cref="TensionDays"/> days.</summary>
    private async Task<Dictionary<string, (double?, double?)>> TensionAsync(IReadOnlyList<string> finesses, DateTimeOffset now, CancellationToken ct)
    {
        var from = now.AddDays(-TensionDays);
        var result = new Dictionary<string, (double?, double?)>();
        foreach (var f in finesses)
        {
            var intervals = LevelInterval.Of(await inputs.LevelChangesAsync(new ScopeRef(ScopeKind.Establishment, f), from, now, ct));
            var seconds = LevelInterval.SecondsPerLevel(intervals, from, now, i => i.Level);
            var known = seconds.Values.Sum();
            result[f] = known <= 0 ? (null, null)
                : (Math.Round(seconds.Where(kv => kv.Key >= 1).Sum(kv => kv.Value) / 86400, 1), Math.Round(known / 86400, 1));
        }
        return result;
    }
}
