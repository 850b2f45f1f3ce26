using BedCoord.Server.Audit;
using Npgsql;

namespace BedCoord.Server.Hosting;

/// <summary>
/// What the demo seed already wrote, read back from the audit trail it signs ("demo-seed"): each seed step
/// runs once per scope, and a run killed half-way is completed by the next start without writing twice.
/// </summary>
public sealed class DemoSeedLog(NpgsqlDataSource db, AuditLog audit, TimeProvider clock)
{
    public const string Actor = "demo-seed";

    public async Task<HashSet<string>> ScopesDoneAsync(string action, CancellationToken ct)
    {
        // The actor is written out so that the planner matches the partial index ix_bedcoord_audit_demo_seed.
        await using var command = db.CreateCommand($"SELECT DISTINCT scope_id FROM bedcoord_audit WHERE actor = '{Actor}' AND action = $1");
        command.Parameters.AddWithValue(action);
        var done = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) done.Add(reader.GetString(0));
        return done;
    }

    /// <summary>Audits a seed write as the API audits the same write (same action, before and after).</summary>
    public Task RecordAsync(string action, string scopeKind, string scopeId, object? before, object? after) =>
        audit.RecordAsync(new AuditEntry(clock.GetUtcNow(), Actor, "system", action, scopeKind, scopeId, before, after, Actor));
}
