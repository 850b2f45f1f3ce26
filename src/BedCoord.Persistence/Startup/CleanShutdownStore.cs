using Npgsql;

namespace BedCoord.Persistence.Startup;

/// <summary>The clean-shutdown mark of the grid (<c>bedcoord_clean_shutdown</c>, one row).</summary>
public sealed class CleanShutdownStore(NpgsqlDataSource db)
{
    /// <summary>Whether the grid last stopped cleanly; clears the mark in the same statement, before any grain runs.</summary>
    public async Task<bool> TakeAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE bedcoord_clean_shutdown s SET clean = false, at = now()
            FROM (SELECT clean FROM bedcoord_clean_shutdown WHERE id = 1 FOR UPDATE) previous
            WHERE s.id = 1
            RETURNING previous.clean
            """);
        return await cmd.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>Records that every aggregate's stored state is exact: the next start may trust it.</summary>
    public async Task MarkCleanAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO bedcoord_clean_shutdown (id, clean, at) VALUES (1, true, now())
            ON CONFLICT (id) DO UPDATE SET clean = true, at = now()
            """);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
