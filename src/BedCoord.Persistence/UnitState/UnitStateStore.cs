using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;

namespace BedCoord.Persistence.UnitState;

/// <summary>
/// Units' bed state in <c>bedcoord_unit_state</c>. Writes use group commit: the concurrent writes of a silo go
/// out as one multi-row upsert, and each caller's task completes once the statement holding its row has
/// committed (or fails, and nothing was acknowledged). Each row is checked against the etag its writer read;
/// a refused row fails only its own caller, with <see cref="InconsistentStateException"/>.
/// Reads come one unit at a time (a unit activating) or many at once (an establishment re-reading its units).
/// </summary>
public sealed class UnitStateStore(NpgsqlDataSource db, ILogger<UnitStateStore> log) : GroupCommitWriter<UnitStateWrite>(db, log)
{
    private const string Upsert = """
        INSERT INTO bedcoord_unit_state AS s (unit_key, etag, state, written_at)
        SELECT k, e, j, now() FROM unnest($1::text[], $2::bigint[], $3::jsonb[]) AS t(k, e, j)
        ON CONFLICT (unit_key) DO UPDATE SET etag = excluded.etag, state = excluded.state, written_at = excluded.written_at
        WHERE s.etag = excluded.etag - 1
        RETURNING unit_key
        """;

    // Rows per statement of the bulk paths (an import): large enough to amortise the round trip, small enough for one array parameter.
    private const int ChunkSize = 5000;

    /// <summary>Completes once the state is committed; fails if the stored etag is no longer <see cref="UnitStateWrite.ReadETag"/>.</summary>
    public Task WriteAsync(UnitStateWrite write) => AppendAsync(write);

    public async Task<StoredUnitState?> ReadAsync(string unitKey)
    {
        await using var cmd = DataSource.CreateCommand("SELECT unit_key, etag, state::text FROM bedcoord_unit_state WHERE unit_key = $1");
        cmd.Parameters.AddWithValue(unitKey);
        await using var reader = await cmd.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Row(reader) : null;
    }

    /// <summary>The stored states of the given units (those without a row are absent), in one query.</summary>
    public async Task<IReadOnlyList<StoredUnitState>> ReadManyAsync(IReadOnlyCollection<string> unitKeys)
    {
        if (unitKeys.Count == 0) return [];
        await using var cmd = DataSource.CreateCommand("SELECT unit_key, etag, state::text FROM bedcoord_unit_state WHERE unit_key = ANY($1)");
        cmd.Parameters.Add(new NpgsqlParameter { Value = unitKeys.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var rows = new List<StoredUnitState>(unitKeys.Count);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(Row(reader));
        return rows;
    }

    /// <summary>
    /// Gives units without a row their first state, in statements of a few thousand rows; a unit that already has
    /// one keeps it (re-importing changes nothing). Returns the keys that were initialised.
    /// <paramref name="recordAlongside"/>, when given, is called with each statement's initialised keys on the same
    /// connection and inside the same transaction (an import records the starting states as the units' first input):
    /// a state is never stored without its record, whatever interrupts the import.
    /// </summary>
    public async Task<IReadOnlyList<string>> InitializeManyAsync(IReadOnlyList<(string UnitKey, string Json)> states,
        Func<NpgsqlConnection, IReadOnlyList<string>, Task>? recordAlongside = null, CancellationToken ct = default)
    {
        var initialized = new List<string>();
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        foreach (var chunk in states.Chunk(ChunkSize))
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var inserted = new List<string>(chunk.Length);
            await using (var cmd = new NpgsqlCommand("""
                INSERT INTO bedcoord_unit_state (unit_key, etag, state)
                SELECT k, 1, j FROM unnest($1::text[], $2::jsonb[]) AS t(k, j)
                ON CONFLICT (unit_key) DO NOTHING
                RETURNING unit_key
                """, connection, transaction))
            {
                cmd.Parameters.Add(new NpgsqlParameter { Value = chunk.Select(c => c.UnitKey).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                cmd.Parameters.Add(new NpgsqlParameter { Value = chunk.Select(c => c.Json).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) inserted.Add(reader.GetString(0));
            }
            if (recordAlongside is not null && inserted.Count > 0) await recordAlongside(connection, inserted);
            await transaction.CommitAsync(ct);
            initialized.AddRange(inserted);
        }
        return initialized;
    }

    /// <summary>The stored states of many units (an import's whole file), a few thousand keys per query.</summary>
    public async Task<IReadOnlyList<StoredUnitState>> ReadAllAsync(IReadOnlyList<string> unitKeys)
    {
        var rows = new List<StoredUnitState>(unitKeys.Count);
        foreach (var chunk in unitKeys.Chunk(ChunkSize)) rows.AddRange(await ReadManyAsync(chunk));
        return rows;
    }

    protected override Task WriteBatchAsync(NpgsqlConnection connection, IReadOnlyList<UnitStateWrite> rows) =>
        WriteBatchCheckedAsync(connection, rows);

    protected override async Task<IReadOnlyList<Exception?>?> WriteBatchCheckedAsync(NpgsqlConnection connection, IReadOnlyList<UnitStateWrite> rows)
    {
        var refused = new Exception?[rows.Count];
        // One upsert cannot touch a row twice; two writes of one unit in a batch (only two activations racing can
        // do that) go in successive statements, in the order they came.
        var pending = Enumerable.Range(0, rows.Count).ToList();
        while (pending.Count > 0)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            var round = pending.Where(i => keys.Add(rows[i].UnitKey)).ToList();
            pending = pending.Except(round).ToList();
            var written = await UpsertAsync(connection, round.Select(i => rows[i]).ToList());
            foreach (var i in round)
                if (!written.Contains(rows[i].UnitKey))
                    refused[i] = new InconsistentStateException(
                        $"Unit {rows[i].UnitKey} was written by another activation since etag {rows[i].ReadETag}.");
        }
        return refused;
    }

    private static async Task<HashSet<string>> UpsertAsync(NpgsqlConnection connection, IReadOnlyList<UnitStateWrite> rows)
    {
        await using var cmd = new NpgsqlCommand(Upsert, connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.UnitKey).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.ReadETag + 1).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Json).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        var written = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) written.Add(reader.GetString(0));
        return written;
    }

    private static StoredUnitState Row(NpgsqlDataReader reader) => new(reader.GetString(0), reader.GetInt64(1), reader.GetString(2));
}
