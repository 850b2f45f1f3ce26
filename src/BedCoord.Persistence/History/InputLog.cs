using System.Text.Json;
using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using BedCoord.Domain.Territory;
using Npgsql;

namespace BedCoord.Persistence.History;

/// <summary>
/// Reads the grid's inputs back from the append-only records: bed states and emergency figures from the
/// audit trail, level changes from the alerts. The audit trail is the input log; nothing is kept twice.
/// </summary>
public sealed class InputLog(NpgsqlDataSource db)
{
    public const string UnitBeds = "unit.beds";
    public const string Emergency = "establishment.emergency";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The inputs with from ≤ at &lt; to, in time order (ties in the order they were written).</summary>
    public async Task<IReadOnlyList<HistoryEvent>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        var events = new List<HistoryEvent>();
        await using (var cmd = db.CreateCommand("""
            SELECT id, at, action, scope_id, after, actor FROM bedcoord_audit
            WHERE action = ANY($3) AND at >= $1 AND at < $2 ORDER BY at, id
            """))
        {
            cmd.Parameters.AddWithValue(from);
            cmd.Parameters.AddWithValue(to);
            cmd.Parameters.AddWithValue(new[] { UnitBeds, Emergency });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                if (AuditEvent(reader) is { } e) events.Add(e);
        }
        await using (var cmd = db.CreateCommand("""
            SELECT id, at, scope_kind, scope_id, to_level, computed_level, declared_level, cause FROM bedcoord_alerts
            WHERE at >= $1 AND at < $2 ORDER BY at, id
            """))
        {
            cmd.Parameters.AddWithValue(from);
            cmd.Parameters.AddWithValue(to);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) events.Add(LevelEvent(reader));
        }
        // A stable merge: figures before levels at the same instant, as the grains raise a level after the change.
        return events.Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.i).Select(x => x.e).ToList();
    }

    /// <summary>
    /// The inputs of the given units, establishments and scopes with from ≤ at &lt; to, in time order: one
    /// département's week without reading the region's (a report). Same order rules as <see cref="ReadAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<HistoryEvent>> ReadScopedAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string> unitKeys,
        IReadOnlyCollection<string> finesses, IReadOnlyCollection<ScopeRef> scopes, CancellationToken ct = default)
    {
        var events = new List<HistoryEvent>();
        await using (var cmd = db.CreateCommand("""
            SELECT a.id, a.at, a.action, a.scope_id, a.after, a.actor
            FROM (SELECT unnest($3::text[]) AS kind, unnest($4::text[]) AS id, unnest($5::text[]) AS action) k
            JOIN bedcoord_audit a ON a.scope_kind = k.kind AND a.scope_id = k.id AND a.action = k.action
            WHERE a.at >= $1 AND a.at < $2 ORDER BY a.at, a.id
            """))
        {
            cmd.Parameters.AddWithValue(from);
            cmd.Parameters.AddWithValue(to);
            await ReadAuditAsync(cmd, unitKeys, finesses, events, ct);
        }
        await using (var cmd = db.CreateCommand("""
            SELECT a.id, a.at, a.scope_kind, a.scope_id, a.to_level, a.computed_level, a.declared_level, a.cause
            FROM (SELECT unnest($3::text[]) AS kind, unnest($4::text[]) AS id) k
            JOIN bedcoord_alerts a ON a.scope_kind = k.kind AND a.scope_id = k.id
            WHERE a.at >= $1 AND a.at < $2 ORDER BY a.at, a.id
            """))
        {
            cmd.Parameters.AddWithValue(from);
            cmd.Parameters.AddWithValue(to);
            cmd.Parameters.AddWithValue(scopes.Select(s => s.Kind.Name()).ToArray());
            cmd.Parameters.AddWithValue(scopes.Select(s => s.Id).ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) events.Add(LevelEvent(reader));
        }
        return events.Select((e, i) => (e, i)).OrderBy(x => x.e.At).ThenBy(x => x.i).Select(x => x.e).ToList();
    }

    /// <summary>The earliest input, where history starts.</summary>
    public async Task<DateTimeOffset?> FirstAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT least((SELECT min(at) FROM bedcoord_audit WHERE action = ANY($1)), (SELECT min(at) FROM bedcoord_alerts))
            """);
        cmd.Parameters.AddWithValue(new[] { UnitBeds, Emergency });
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is DateTime dt ? new DateTimeOffset(dt, TimeSpan.Zero) : value as DateTimeOffset?;
    }

    /// <summary>
    /// The last input of each given unit, establishment and scope at or before <paramref name="at"/>: the state
    /// in force then. One index probe per id, so a département is read as fast as its own size allows.
    /// </summary>
    public async Task<IReadOnlyList<HistoryEvent>> StateAtAsync(DateTimeOffset at, IReadOnlyCollection<string> unitKeys,
        IReadOnlyCollection<string> finesses, IReadOnlyCollection<ScopeRef> scopes, CancellationToken ct = default)
    {
        var events = new List<HistoryEvent>();
        await using (var cmd = db.CreateCommand("""
            SELECT a.id, a.at, a.action, a.scope_id, a.after, a.actor
            FROM (SELECT unnest($2::text[]) AS kind, unnest($3::text[]) AS id, unnest($4::text[]) AS action) k
            CROSS JOIN LATERAL (
                SELECT id, at, action, scope_id, after, actor FROM bedcoord_audit
                WHERE scope_kind = k.kind AND scope_id = k.id AND action = k.action AND at <= $1
                ORDER BY at DESC, id DESC LIMIT 1) a
            """))
        {
            cmd.Parameters.AddWithValue(at);
            await ReadAuditAsync(cmd, unitKeys, finesses, events, ct);
        }
        await using (var cmd = db.CreateCommand("""
            SELECT a.id, a.at, a.scope_kind, a.scope_id, a.to_level, a.computed_level, a.declared_level, a.cause
            FROM (SELECT unnest($2::text[]) AS kind, unnest($3::text[]) AS id) k
            CROSS JOIN LATERAL (
                SELECT * FROM bedcoord_alerts WHERE scope_kind = k.kind AND scope_id = k.id AND at <= $1
                ORDER BY at DESC, id DESC LIMIT 1) a
            """))
        {
            cmd.Parameters.AddWithValue(at);
            cmd.Parameters.AddWithValue(scopes.Select(s => s.Kind.Name()).ToArray());
            cmd.Parameters.AddWithValue(scopes.Select(s => s.Id).ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) events.Add(LevelEvent(reader));
        }
        return events.OrderBy(e => e.At).ToList();
    }

    /// <summary>The level changes of one scope in (from, to], preceded by the one in force at from.</summary>
    public async Task<IReadOnlyList<LevelEvent>> LevelChangesAsync(ScopeRef scope, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            (SELECT id, at, scope_kind, scope_id, to_level, computed_level, declared_level, cause FROM bedcoord_alerts
             WHERE scope_kind = $1 AND scope_id = $2 AND at <= $3 ORDER BY at DESC, id DESC LIMIT 1)
            UNION ALL
            (SELECT id, at, scope_kind, scope_id, to_level, computed_level, declared_level, cause FROM bedcoord_alerts
             WHERE scope_kind = $1 AND scope_id = $2 AND at > $3 AND at <= $4 ORDER BY at, id)
            """);
        cmd.Parameters.AddWithValue(scope.Kind.Name());
        cmd.Parameters.AddWithValue(scope.Id);
        cmd.Parameters.AddWithValue(from);
        cmd.Parameters.AddWithValue(to);
        var changes = new List<LevelEvent>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) changes.Add(LevelEvent(reader));
        return changes.OrderBy(c => c.At).ToList();
    }

    /// <summary>Adds the (kind, id, action) arrays of the units' bed states and establishments' emergency figures, then reads the events.</summary>
    private static async Task ReadAuditAsync(NpgsqlCommand cmd, IReadOnlyCollection<string> unitKeys, IReadOnlyCollection<string> finesses,
        List<HistoryEvent> into, CancellationToken ct)
    {
        var keys = unitKeys.Select(u => ("unit", u, UnitBeds)).Concat(finesses.Select(f => ("establishment", f, Emergency))).ToList();
        cmd.Parameters.AddWithValue(keys.Select(k => k.Item1).ToArray());
        cmd.Parameters.AddWithValue(keys.Select(k => k.Item2).ToArray());
        cmd.Parameters.AddWithValue(keys.Select(k => k.Item3).ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            if (AuditEvent(reader) is { } e) into.Add(e);
    }

    private static HistoryEvent? AuditEvent(NpgsqlDataReader r)
    {
        if (r.IsDBNull(4)) return null;
        var id = "a" + r.GetInt64(0);
        var at = r.GetFieldValue<DateTimeOffset>(1);
        var after = r.GetString(4);
        switch (r.GetString(2))
        {
            case UnitBeds:
                var (finess, unitId) = Identifiers.SplitUnitKey(r.GetString(3));
                return JsonSerializer.Deserialize<BedFigures>(after, Json) is { } beds
                    ? new UnitBedsEvent(id, at, finess, unitId, beds, r.GetString(5)) : null;
            case Emergency:
                return JsonSerializer.Deserialize<EmergencyFigures>(after, Json) is { } figures
                    ? new EmergencyEvent(id, at, r.GetString(3), figures) : null;
            default:
                return null;
        }
    }

    private static LevelEvent LevelEvent(NpgsqlDataReader r)
    {
        ScopeKinds.TryParse(r.GetString(2), out var kind);
        return new LevelEvent("l" + r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), new ScopeRef(kind, r.GetString(3)),
            r.GetInt32(4), r.GetInt32(5), r.IsDBNull(6) ? null : r.GetInt32(6), r.GetString(7));
    }
}
