using BedCoord.Domain.Crisis;
using BedCoord.Domain.Territory;
using Npgsql;
using NpgsqlTypes;

namespace BedCoord.Persistence.Crisis;

/// <summary>
/// The main courante in PostgreSQL. An append takes the scope's advisory lock inside its transaction, reads the head,
/// chains the new entry to it and inserts it: appends to one scope are serialised, appends to different scopes are not.
/// The entry is committed before the caller hears of it.
/// </summary>
public sealed class LogbookStore(NpgsqlDataSource db)
{
    private const int LockClass = 0x4C6F67; // "Log": the first half of the two-key advisory lock, the scope's hash the second

    private const string Columns = "id, seq, kind, scope_kind, scope_id, text, source, event_at, check_status, corrects, author, role, at, link, data, hash, prev_hash";

    public enum AppendOutcome { Appended, UnknownCorrection }

    public async Task<(AppendOutcome Outcome, LogbookEntry? Entry)> AppendAsync(LogbookDraft draft, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var kind = draft.Scope.Kind.Name();
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, hashtext($2))", connection, tx))
        {
            lockCmd.Parameters.AddWithValue(LockClass);
            lockCmd.Parameters.AddWithValue(draft.Scope.ToString());
            await lockCmd.ExecuteNonQueryAsync(ct);
        }

        if (draft.Corrects is { } corrects)
        {
            await using var find = new NpgsqlCommand("SELECT 1 FROM bedcoord_logbook WHERE id = $1 AND scope_kind = $2 AND scope_id = $3", connection, tx);
            find.Parameters.AddWithValue(corrects);
            find.Parameters.AddWithValue(kind);
            find.Parameters.AddWithValue(draft.Scope.Id);
            if (await find.ExecuteScalarAsync(ct) is null) return (AppendOutcome.UnknownCorrection, null);
        }

        long seq = 1;
        var prev = LogbookHash.Genesis;
        await using (var head = new NpgsqlCommand("SELECT seq, hash FROM bedcoord_logbook WHERE scope_kind = $1 AND scope_id = $2 ORDER BY seq DESC LIMIT 1", connection, tx))
        {
            head.Parameters.AddWithValue(kind);
            head.Parameters.AddWithValue(draft.Scope.Id);
            await using var reader = await head.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct)) { seq = reader.GetInt64(0) + 1; prev = reader.GetString(1); }
        }

        var at = LogbookHash.Truncate(now);
        var eventAt = draft.EventAt is { } e ? LogbookHash.Truncate(e) : (DateTimeOffset?)null;
        var entry = new LogbookEntry(Guid.CreateVersion7(now).ToString(), seq, draft.Kind, draft.Scope.Kind, draft.Scope.Id, draft.Text, draft.Source,
            eventAt, draft.Check, draft.Corrects, draft.Author, draft.Role, at, draft.Link, draft.Data, "", prev);
        entry = entry with { Hash = LogbookHash.Compute(entry) };

        await using (var insert = new NpgsqlCommand($"INSERT INTO bedcoord_logbook ({Columns}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)", connection, tx))
        {
            var p = insert.Parameters;
            p.AddWithValue(entry.Id);
            p.AddWithValue(entry.Seq);
            p.AddWithValue(entry.Kind);
            p.AddWithValue(kind);
            p.AddWithValue(entry.ScopeId);
            p.AddWithValue(entry.Text);
            p.AddWithValue(NpgsqlDbType.Text, (object?)entry.Source ?? DBNull.Value);
            p.AddWithValue(NpgsqlDbType.TimestampTz, (object?)entry.EventAt ?? DBNull.Value);
            p.AddWithValue(NpgsqlDbType.Text, (object?)entry.Check ?? DBNull.Value);
            p.AddWithValue(NpgsqlDbType.Text, (object?)entry.Corrects ?? DBNull.Value);
            p.AddWithValue(entry.Author);
            p.AddWithValue(entry.Role);
            p.AddWithValue(NpgsqlDbType.TimestampTz, entry.At);
            p.AddWithValue(NpgsqlDbType.Text, (object?)entry.Link ?? DBNull.Value);
            p.AddWithValue(NpgsqlDbType.Text, (object?)entry.Data ?? DBNull.Value);
            p.AddWithValue(entry.Hash);
            p.AddWithValue(entry.PrevHash);
            await insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return (AppendOutcome.Appended, entry);
    }

    /// <summary>
    /// Entries of a scope, oldest first: from <paramref name="since"/> on when given (the first <paramref name="limit"/>),
    /// else the latest <paramref name="limit"/> up to <paramref name="until"/>.
    /// </summary>
    public async Task<IReadOnlyList<LogbookEntry>> ListAsync(ScopeRef scope, DateTimeOffset? since, DateTimeOffset? until, int limit, CancellationToken ct = default)
    {
        var order = since is null ? "DESC" : "ASC";
        await using var cmd = db.CreateCommand($"""
            SELECT {Columns} FROM bedcoord_logbook
            WHERE scope_kind = $1 AND scope_id = $2 AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at <= $4)
            ORDER BY seq {order} LIMIT $5
            """);
        cmd.Parameters.AddWithValue(scope.Kind.Name());
        cmd.Parameters.AddWithValue(scope.Id);
        cmd.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)since ?? DBNull.Value);
        cmd.Parameters.AddWithValue(NpgsqlDbType.TimestampTz, (object?)until ?? DBNull.Value);
        cmd.Parameters.AddWithValue(limit);
        var entries = new List<LogbookEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) entries.Add(Read(reader));
        if (since is null) entries.Reverse();
        return entries;
    }

    public async Task<LogbookEntry?> GetAsync(ScopeRef scope, string id, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM bedcoord_logbook WHERE scope_kind = $1 AND scope_id = $2 AND id = $3");
        cmd.Parameters.AddWithValue(scope.Kind.Name());
        cmd.Parameters.AddWithValue(scope.Id);
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Recomputes the scope's whole chain, streaming it in order.</summary>
    public async Task<ChainVerification> VerifyAsync(ScopeRef scope, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM bedcoord_logbook WHERE scope_kind = $1 AND scope_id = $2 ORDER BY seq");
        cmd.Parameters.AddWithValue(scope.Kind.Name());
        cmd.Parameters.AddWithValue(scope.Id);
        var chain = new LogbookChain();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) chain.Add(Read(reader));
        return chain.Result();
    }

    /// <summary>The hash of the scope's latest entry (the genesis hash when empty), and how many entries there are.</summary>
    public async Task<(long Entries, string Head)> HeadAsync(ScopeRef scope, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT seq, hash FROM bedcoord_logbook WHERE scope_kind = $1 AND scope_id = $2 ORDER BY seq DESC LIMIT 1");
        cmd.Parameters.AddWithValue(scope.Kind.Name());
        cmd.Parameters.AddWithValue(scope.Id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetString(1)) : (0, LogbookHash.Genesis);
    }

    private static LogbookEntry Read(NpgsqlDataReader r)
    {
        ScopeKinds.TryParse(r.GetString(3), out var kind);
        return new LogbookEntry(r.GetString(0), r.GetInt64(1), r.GetString(2), kind, r.GetString(4), r.GetString(5),
            r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7),
            r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.GetString(10), r.GetString(11),
            r.GetFieldValue<DateTimeOffset>(12), r.IsDBNull(13) ? null : r.GetString(13), r.IsDBNull(14) ? null : r.GetString(14),
            r.GetString(15), r.GetString(16));
    }
}
