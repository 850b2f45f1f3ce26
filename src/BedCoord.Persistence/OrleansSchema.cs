using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace BedCoord.Persistence;

/// <summary>
/// Brings a PostgreSQL database to the schema BedCoord needs: Orleans' ADO.NET tables, routines and
/// queries (main, persistence, clustering, reminders, with the 3.6/3.7 migrations folded in) and the audit trail.
/// </summary>
public static class OrleansSchema
{
    /// <summary>Bump when the scripts change meaningfully; the checksum catches a forgotten bump.</summary>
    public const int Version = 4;

    // Any constant works as long as every silo uses the same one; advisory locks are per database.
    private const long MigrationLockKey = 0x4265_6443_6F6F_7264; // "BedCoord"

    private static readonly Lazy<IReadOnlyList<(string Name, string Sql)>> Scripts = new(LoadScripts);

    /// <summary>Names of the embedded scripts, in the order they are applied.</summary>
    public static IReadOnlyList<string> ScriptNames => Scripts.Value.Select(s => s.Name).ToList();

    /// <summary>SHA-256 over all scripts, recorded next to <see cref="Version"/>.</summary>
    public static string Checksum { get; } = ComputeChecksum();

    /// <summary>
    /// Idempotent and safe to call from every silo at startup: one transaction, serialized by an advisory
    /// lock, and a no-op when this exact schema is already recorded.
    /// </summary>
    public static async Task MigrateAsync(string connectionString, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);

        await ExecuteAsync(connection, tx, $"SELECT pg_advisory_xact_lock({MigrationLockKey})", ct);
        await ExecuteAsync(connection, tx, """
            CREATE TABLE IF NOT EXISTS bedcoord_schema_version
            (
                version integer NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (version, checksum)
            )
            """, ct);

        if (!await IsCurrentAsync(connection, tx, ct))
        {
            foreach (var (_, sql) in Scripts.Value)
                await ExecuteAsync(connection, tx, sql, ct);

            await using var record = new NpgsqlCommand(
                "INSERT INTO bedcoord_schema_version (version, checksum) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                connection, tx);
            record.Parameters.AddWithValue(Version);
            record.Parameters.AddWithValue(Checksum);
            await record.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    // A newer binary may already have migrated further; an older one must not re-apply its older scripts over it.
    private static async Task<bool> IsCurrentAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var check = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM bedcoord_schema_version WHERE (version = $1 AND checksum = $2) OR version > $1)",
            connection, tx);
        check.Parameters.AddWithValue(Version);
        check.Parameters.AddWithValue(Checksum);
        return (bool)(await check.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 120 };
        await command.ExecuteNonQueryAsync(ct);
    }

    private static IReadOnlyList<(string Name, string Sql)> LoadScripts()
    {
        var assembly = typeof(OrleansSchema).Assembly;
        const string prefix = "BedCoord.Persistence.Sql.";
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => (n[prefix.Length..], Read(assembly, n)))
            .ToList();
        if (scripts.Count == 0)
            throw new InvalidOperationException("No embedded SQL scripts found in BedCoord.Persistence; check the EmbeddedResource glob.");
        return scripts;
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string ComputeChecksum()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, sql) in Scripts.Value)
        {
            // Line endings depend on the checkout, not on the schema.
            sha.AppendData(Encoding.UTF8.GetBytes(name + "\n" + sql.ReplaceLineEndings("\n") + "\n"));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
