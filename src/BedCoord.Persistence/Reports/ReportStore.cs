using System.Text.Json;
using BedCoord.Domain.Report;
using BedCoord.Domain.Tension;
using BedCoord.Domain.Territory;
using Npgsql;

namespace BedCoord.Persistence.Reports;

/// <summary>A frozen weekly report's stamp: which snapshot, when and by whom.</summary>
public sealed record ReportSnapshotInfo(long Id, string Department, string Week, DateTimeOffset FrozenAt, string FrozenBy);

/// <summary>Frozen weekly reports, meeting actions (both append-only, Sql/07-Reports.sql) and the declarations they show.</summary>
public sealed class ReportStore(NpgsqlDataSource db)
{
    public const string Declare = "declaration.declare";
    public const string Lift = "declaration.lift";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ReportSnapshotInfo> FreezeAsync(string department, string week, DateTimeOffset at, string by, string reportJson, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO bedcoord_report_snapshots (department, week, frozen_at, frozen_by, report) VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING id
            """);
        cmd.Parameters.AddWithValue(department);
        cmd.Parameters.AddWithValue(week);
        cmd.Parameters.AddWithValue(at);
        cmd.Parameters.AddWithValue(by);
        cmd.Parameters.AddWithValue(reportJson);
        var id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        return new ReportSnapshotInfo(id, department, week, at, by);
    }

    /// <summary>The snapshots of a week, newest first.</summary>
    public async Task<IReadOnlyList<ReportSnapshotInfo>> SnapshotsAsync(string department, string week, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT id, department, week, frozen_at, frozen_by FROM bedcoord_report_snapshots
            WHERE department = $1 AND week = $2 ORDER BY frozen_at DESC, id DESC
            """);
        cmd.Parameters.AddWithValue(department);
        cmd.Parameters.AddWithValue(week);
        var list = new List<ReportSnapshotInfo>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new ReportSnapshotInfo(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4)));
        return list;
    }

    /// <summary>A snapshot's stamp and report JSON: the given one, or the week's latest when <paramref name="id"/> is null.</summary>
    public async Task<(ReportSnapshotInfo Info, string Report)?> SnapshotAsync(string department, string week, long? id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT id, department, week, frozen_at, frozen_by, report::text FROM bedcoord_report_snapshots
            WHERE department = $1 AND week = $2 AND ($3::bigint IS NULL OR id = $3) ORDER BY frozen_at DESC, id DESC LIMIT 1
            """);
        cmd.Parameters.AddWithValue(department);
        cmd.Parameters.AddWithValue(week);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return (new ReportSnapshotInfo(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4)), r.GetString(5));
    }

    public async Task<long> NewActionIdAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT nextval('bedcoord_report_action_ids')");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Appends a revision; false when that revision already exists (someone changed the action meanwhile).</summary>
    public async Task<bool> AppendActionAsync(MeetingAction a, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO bedcoord_report_actions (action_id, revision, department, week, what, establishment, owner, due_date, status, changed_at, changed_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING
            """);
        cmd.Parameters.AddWithValue(a.Id);
        cmd.Parameters.AddWithValue(a.Revision);
        cmd.Parameters.AddWithValue(a.Department);
        cmd.Parameters.AddWithValue(a.Week);
        cmd.Parameters.AddWithValue(a.What);
        cmd.Parameters.AddWithValue((object?)a.Establishment ?? DBNull.Value);
        cmd.Parameters.AddWithValue(a.Owner);
        cmd.Parameters.AddWithValue((object?)a.DueDate ?? DBNull.Value);
        cmd.Parameters.AddWithValue(a.Status);
        cmd.Parameters.AddWithValue(a.ChangedAt);
        cmd.Parameters.AddWithValue(a.ChangedBy);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Every revision of the département's actions (or of one action), oldest first.</summary>
    public async Task<IReadOnlyList<MeetingAction>> ActionRevisionsAsync(string department, long? actionId = null, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT action_id, revision, department, week, what, establishment, owner, due_date, status, changed_at, changed_by
            FROM bedcoord_report_actions WHERE department = $1 AND ($2::bigint IS NULL OR action_id = $2) ORDER BY action_id, revision
            """);
        cmd.Parameters.AddWithValue(department);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)actionId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        var list = new List<MeetingAction>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new MeetingAction(r.GetInt64(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateOnly>(7),
                r.GetString(8), r.GetFieldValue<DateTimeOffset>(9), r.GetString(10)));
        return list;
    }

    /// <summary>The audited declarations and lifts of the given scopes before <paramref name="to"/>, oldest first.</summary>
    public async Task<IReadOnlyList<DeclarationRecord>> DeclarationsAsync(IReadOnlyCollection<ScopeRef> scopes, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT a.at, a.scope_kind, a.scope_id, a.action, a.after::text
            FROM (SELECT unnest($1::text[]) AS kind, unnest($2::text[]) AS id) k
            JOIN bedcoord_audit a ON a.scope_kind = k.kind AND a.scope_id = k.id
            WHERE a.action = ANY($3) AND a.at < $4 ORDER BY a.at, a.id
            """);
        cmd.Parameters.AddWithValue(scopes.Select(s => s.Kind.Name()).ToArray());
        cmd.Parameters.AddWithValue(scopes.Select(s => s.Id).ToArray());
        cmd.Parameters.AddWithValue(new[] { Declare, Lift });
        cmd.Parameters.AddWithValue(to);
        var list = new List<DeclarationRecord>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var after = r.IsDBNull(4) ? "{}" : r.GetString(4);
            var at = r.GetFieldValue<DateTimeOffset>(0);
            if (r.GetString(3) == Declare)
            {
                if (JsonSerializer.Deserialize<Declaration>(after, Json) is { } d)
                    list.Add(new DeclarationRecord(at, r.GetString(1), r.GetString(2), d, null));
            }
            else
            {
                using var doc = JsonDocument.Parse(after);
                var reason = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("reason", out var x) ? x.GetString() : null;
                list.Add(new DeclarationRecord(at, r.GetString(1), r.GetString(2), null, reason ?? "levée"));
            }
        }
        return list;
    }
}
