using BedCoord.Domain.BedBlockers;
using BedCoord.Domain.History;
using Npgsql;

namespace BedCoord.Persistence.BedBlockers;

/// <summary>The register as it stands after a change, with the revision that orders it among concurrent changes.</summary>
public sealed record BedBlockerRegister(long Revision, IReadOnlyList<BedBlockerLine> Lines);

/// <summary>Bed-blocker registers (Sql/08-BedBlockers.sql): each change is durable and returns the whole register.</summary>
public sealed class BedBlockerStore(NpgsqlDataSource db)
{
    public async Task<(BedBlockerLine Line, BedBlockerRegister Register)> AddAsync(string finess, string? unitId, string destination,
        DateOnly since, bool viaTrajectoire, DateTimeOffset at, string by, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var revision = await BumpAsync(connection, tx, finess, ct);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO bedcoord_bed_blockers (finess, unit_id, destination, since, via_trajectoire, added_at, added_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """, connection, tx);
        cmd.Parameters.AddWithValue(finess);
        cmd.Parameters.AddWithValue((object?)unitId ?? DBNull.Value);
        cmd.Parameters.AddWithValue(destination);
        cmd.Parameters.AddWithValue(since);
        cmd.Parameters.AddWithValue(viaTrajectoire);
        cmd.Parameters.AddWithValue(at);
        cmd.Parameters.AddWithValue(by);
        var id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        var lines = await ReadAsync(connection, tx, finess, ct);
        await tx.CommitAsync(ct);
        return (lines.Single(l => l.Id == id), new BedBlockerRegister(revision, lines));
    }

    /// <summary>Marks the patient of a line as gone; null when the establishment has no such open line.</summary>
    public async Task<(BedBlockerLine Line, BedBlockerRegister Register)?> RemoveAsync(string finess, long id, DateTimeOffset at, string by,
        CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var revision = await BumpAsync(connection, tx, finess, ct);
        var before = await ReadAsync(connection, tx, finess, ct);
        if (before.FirstOrDefault(l => l.Id == id) is not { } line)
        {
            await tx.RollbackAsync(ct);
            return null;
        }
        await using var cmd = new NpgsqlCommand("""
            UPDATE bedcoord_bed_blockers SET left_at = $3, left_by = $4 WHERE finess = $1 AND id = $2 AND left_at IS NULL
            """, connection, tx);
        cmd.Parameters.AddWithValue(finess);
        cmd.Parameters.AddWithValue(id);
        cmd.Parameters.AddWithValue(at);
        cmd.Parameters.AddWithValue(by);
        await cmd.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return (line, new BedBlockerRegister(revision, before.Where(l => l.Id != id).ToList()));
    }

    /// <summary>The open lines of an establishment, oldest first.</summary>
    public async Task<IReadOnlyList<BedBlockerLine>> ListAsync(string finess, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await ReadAsync(connection, null, finess, ct);
    }

    /// <summary>
    /// The registers' past as inputs for a replay: each line of the establishments that was open at some time before
    /// <paramref name="to"/> and still open at or after <paramref name="from"/> enters at its added_at and, if it left
    /// before <paramref name="to"/>, leaves at its left_at. Lines are never deleted, so this is the whole register's history.
    /// </summary>
    public async Task<IReadOnlyList<BedBlockerLineEvent>> HistoryAsync(IReadOnlyCollection<string> finesses, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT id, finess, unit_id, destination, since, via_trajectoire, added_at, left_at FROM bedcoord_bed_blockers
            WHERE finess = ANY($1) AND added_at < $3 AND (left_at IS NULL OR left_at >= $2)
            """);
        cmd.Parameters.AddWithValue(finesses.ToArray());
        cmd.Parameters.AddWithValue(from);
        cmd.Parameters.AddWithValue(to);
        var events = new List<BedBlockerLineEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var line = new BedBlockerLine(r.GetInt64(0), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3), r.GetFieldValue<DateOnly>(4),
                r.GetBoolean(5), r.GetFieldValue<DateTimeOffset>(6));
            var finess = r.GetString(1);
            events.Add(new BedBlockerLineEvent("b" + line.Id, line.AddedAt, finess, line, false));
            if (!r.IsDBNull(7) && r.GetFieldValue<DateTimeOffset>(7) is var left && left < to)
                events.Add(new BedBlockerLineEvent("b" + line.Id + "-left", left, finess, line, true));
        }
        return events.OrderBy(e => e.At).ThenBy(e => e.Line.Id).ToList();
    }

    // The row lock of the register serialises an establishment's changes; other establishments do not wait.
    private static async Task<long> BumpAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string finess, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO bedcoord_bed_blocker_registers (finess, revision) VALUES ($1, 1)
            ON CONFLICT (finess) DO UPDATE SET revision = bedcoord_bed_blocker_registers.revision + 1
            RETURNING revision
            """, connection, tx);
        cmd.Parameters.AddWithValue(finess);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task<List<BedBlockerLine>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string finess, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT id, unit_id, destination, since, via_trajectoire, added_at FROM bedcoord_bed_blockers
            WHERE finess = $1 AND left_at IS NULL ORDER BY since, id
            """, connection, tx);
        cmd.Parameters.AddWithValue(finess);
        var lines = new List<BedBlockerLine>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            lines.Add(new BedBlockerLine(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<DateOnly>(3), reader.GetBoolean(4), reader.GetFieldValue<DateTimeOffset>(5)));
        return lines;
    }
}
