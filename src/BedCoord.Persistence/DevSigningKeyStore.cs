using System.Security.Cryptography;
using Npgsql;

namespace BedCoord.Persistence;

/// <summary>
/// The persisted key of development tokens: created once (random, 256 bits) and read back at every start,
/// so tokens survive restarts and are accepted by every silo sharing the database.
/// </summary>
public static class DevSigningKeyStore
{
    public static async Task<byte[]> GetOrCreateAsync(string connectionString, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        // Two silos starting together both try to insert; the loser's row is dropped and both read the winner's.
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO bedcoord_dev_signing_key (id, key) VALUES (1, $1) ON CONFLICT (id) DO NOTHING", connection))
        {
            insert.Parameters.AddWithValue(RandomNumberGenerator.GetBytes(32));
            await insert.ExecuteNonQueryAsync(ct);
        }
        await using var select = new NpgsqlCommand("SELECT key FROM bedcoord_dev_signing_key WHERE id = 1", connection);
        return (byte[])(await select.ExecuteScalarAsync(ct))!;
    }
}
