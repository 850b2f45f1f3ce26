using BedCoord.Domain.Crisis;
using BedCoord.Domain.Report;
using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using BedCoord.Persistence.Crisis;
using BedCoord.Persistence.Reports;
using BedCoord.Server.Reports;
using Npgsql;

namespace BedCoord.Server.Crisis;

/// <summary>
/// Lifts the open measures of declarations that expired (a hand lift does it in its endpoint): the scopes holding
/// open measures of a declared trigger are checked against their audited declarations, and an expired one is logged
/// in the main courante and its measures lifted, each line recorded as for a lift by hand. Every silo scans, but one at
/// a time (a PostgreSQL advisory lock for the scan): two silos scanning at the same moment would both write the
/// "Fin de la déclaration" entry of the same expiry into the main courante, which is evidence and keeps both.
/// </summary>
public sealed class ExpiredDeclarations(NpgsqlDataSource db, MeasureStore measures, ReportStore declarations, MeasureService service,
    CrisisJournal journal, TimeProvider clock, ILogger<ExpiredDeclarations> log)
{
    private const long LockKey = 0x4265_6445_7870_6972; // "BedExpir"
    private static readonly string[] Declared = MeasureTriggers.All.Where(MeasureTriggers.IsDeclared).ToArray();

    /// <summary>The number of scopes whose expired declaration had its measures lifted (0 when another silo is scanning).</summary>
    public async Task<int> LiftAsync(CancellationToken ct)
    {
        // A session lock on a connection of its own: released at the end, or with the connection if this silo dies.
        await using var connection = await db.OpenConnectionAsync(ct);
        await using (var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey})", connection))
            if (!(bool)(await take.ExecuteScalarAsync(ct))!) return 0;
        try { return await ScanAsync(ct); }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", connection);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    private async Task<int> ScanAsync(CancellationToken ct)
    {
        var scopes = await measures.ScopesWithOpenAsync(Declared, ct);
        if (scopes.Count == 0) return 0;
        var now = clock.GetUtcNow();
        var spans = DeclarationSpan.Pair(await declarations.DeclarationsAsync(scopes, now, ct));
        var done = 0;
        foreach (var scope in scopes)
        {
            var kind = scope.Kind.Name();
            if (DeclarationExpiry.Expired(spans.Where(s => s.ScopeKind == kind && s.ScopeId == scope.Id), now) is not { } expired) continue;
            await journal.SystemAsync(scope, $"Fin de la déclaration « {TensionLevel.Label(expired.Level)} » ({expired.Reason}) sur {journal.NameOf(scope)} : " +
                                             $"expirée le {French.Moment(expired.End!.Value)} (déclarée par {expired.By}).", "declaration:expired");
            var lifted = await service.LiftDeclaredAsync(scope, $"{LogbookKinds.SystemAuthor} (expiration)");
            log.LogInformation("Declaration on {Scope} expired at {At}: {Lifted} open measures lifted", scope, expired.End, lifted);
            done++;
        }
        return done;
    }
}
