using System.Text.Json;
using System.Text.Json.Serialization;
using BedCoord.Domain.Maturity;
using Npgsql;
using NpgsqlTypes;

namespace BedCoord.Persistence.Maturity;

/// <summary>Maturity grids, drafts and submitted answers (Sql/10-Maturity.sql).</summary>
public sealed class MaturityStore(NpgsqlDataSource db)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>False when that version was already imported (a version's content never changes).</summary>
    public async Task<bool> ImportGridAsync(MaturityGrid grid, DateTimeOffset at, string by, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO bedcoord_maturity_grids (version, imported_at, imported_by, demonstration, grid) VALUES ($1, $2, $3, $4, $5::jsonb)
            ON CONFLICT (version) DO NOTHING
            """);
        cmd.Parameters.AddWithValue(grid.Version);
        cmd.Parameters.AddWithValue(at);
        cmd.Parameters.AddWithValue(by);
        cmd.Parameters.AddWithValue(grid.Demonstration);
        cmd.Parameters.AddWithValue(JsonSerializer.Serialize(grid, Json));
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Every imported version, the one in force (latest imported) first.</summary>
    public async Task<IReadOnlyList<MaturityGridInfo>> GridsAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT version, grid->>'title', demonstration, imported_at, imported_by, jsonb_array_length(grid->'questions')
            FROM bedcoord_maturity_grids ORDER BY imported_at DESC, version DESC
            """);
        var list = new List<MaturityGridInfo>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new MaturityGridInfo(r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4), r.GetInt32(5)));
        return list;
    }

    /// <summary>The given version, or the one in force when <paramref name="version"/> is null.</summary>
    public async Task<MaturityGrid?> GridAsync(string? version, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT grid::text FROM bedcoord_maturity_grids WHERE ($1::text IS NULL OR version = $1) ORDER BY imported_at DESC, version DESC LIMIT 1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)version ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var text = (string?)await cmd.ExecuteScalarAsync(ct);
        return text is null ? null : JsonSerializer.Deserialize<MaturityGrid>(text, Json);
    }

    public async Task SaveDraftAsync(MaturityDraft draft, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO bedcoord_maturity_drafts (establishment, grid_version, answers, saved_at, saved_by) VALUES ($1, $2, $3::jsonb, $4, $5)
            ON CONFLICT (establishment) DO UPDATE SET grid_version = excluded.grid_version, answers = excluded.answers,
                saved_at = excluded.saved_at, saved_by = excluded.saved_by
            """);
        cmd.Parameters.AddWithValue(draft.Establishment);
        cmd.Parameters.AddWithValue(draft.GridVersion);
        cmd.Parameters.AddWithValue(JsonSerializer.Serialize(draft.Answers, Json));
        cmd.Parameters.AddWithValue(draft.SavedAt);
        cmd.Parameters.AddWithValue(draft.SavedBy);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<MaturityDraft?> DraftAsync(string establishment, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT grid_version, answers::text, saved_at, saved_by FROM bedcoord_maturity_drafts WHERE establishment = $1");
        cmd.Parameters.AddWithValue(establishment);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return new MaturityDraft(establishment, r.GetString(0), Answers(r.GetString(1)), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3));
    }

    /// <summary>Stores a submitted version and clears the establishment's draft, in one transaction; returns its id.</summary>
    public async Task<long> SubmitAsync(MaturitySubmission s, CancellationToken ct = default)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        long id;
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO bedcoord_maturity_submissions (establishment, grid_version, submitted_at, submitted_by, answers, score, percent)
            VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7) RETURNING id
            """, connection, tx))
        {
            AddSubmission(cmd, s);
            id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        await using (var clear = new NpgsqlCommand("DELETE FROM bedcoord_maturity_drafts WHERE establishment = $1", connection, tx))
        {
            clear.Parameters.AddWithValue(s.Establishment);
            await clear.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>Many submissions at once (the demo seed); one statement.</summary>
    public async Task InsertManyAsync(IReadOnlyList<MaturitySubmission> submissions, CancellationToken ct = default)
    {
        if (submissions.Count == 0) return;
        await using var cmd = db.CreateCommand("""
            INSERT INTO bedcoord_maturity_submissions (establishment, grid_version, submitted_at, submitted_by, answers, score, percent)
            SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::jsonb[], $6::jsonb[], $7::float8[])
            """);
        cmd.Parameters.AddWithValue(submissions.Select(s => s.Establishment).ToArray());
        cmd.Parameters.AddWithValue(submissions.Select(s => s.GridVersion).ToArray());
        cmd.Parameters.AddWithValue(submissions.Select(s => s.SubmittedAt).ToArray());
        cmd.Parameters.AddWithValue(submissions.Select(s => s.SubmittedBy).ToArray());
        cmd.Parameters.AddWithValue(submissions.Select(s => JsonSerializer.Serialize(s.Answers, Json)).ToArray());
        cmd.Parameters.AddWithValue(submissions.Select(s => JsonSerializer.Serialize(s.Score, Json)).ToArray());
        cmd.Parameters.AddWithValue(submissions.Select(s => s.Score.Percent).ToArray());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Whether any submission exists at all (the demo seeds only an empty index).</summary>
    public async Task<bool> AnySubmissionAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM bedcoord_maturity_submissions)");
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>An establishment's submitted versions, oldest first.</summary>
    public async Task<IReadOnlyList<MaturitySubmission>> SubmissionsAsync(string establishment, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"{Select} WHERE establishment = $1 ORDER BY submitted_at, id");
        cmd.Parameters.AddWithValue(establishment);
        return await ReadAsync(cmd, ct);
    }

    /// <summary>The latest submitted version of each of the given establishments that has one.</summary>
    public async Task<IReadOnlyList<MaturitySubmission>> LatestAsync(IReadOnlyCollection<string> establishments, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand($"""
            SELECT DISTINCT ON (establishment) * FROM ({Select} WHERE establishment = ANY($1)) s ORDER BY establishment, submitted_at DESC, id DESC
            """);
        cmd.Parameters.AddWithValue(establishments.ToArray());
        return await ReadAsync(cmd, ct);
    }

    private const string Select = "SELECT id, establishment, grid_version, submitted_at, submitted_by, answers::text AS answers, score::text AS score FROM bedcoord_maturity_submissions";

    private static async Task<IReadOnlyList<MaturitySubmission>> ReadAsync(NpgsqlCommand cmd, CancellationToken ct)
    {
        var list = new List<MaturitySubmission>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new MaturitySubmission(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4),
                Answers(r.GetString(5)), JsonSerializer.Deserialize<MaturityScore>(r.GetString(6), Json)!));
        return list;
    }

    private static void AddSubmission(NpgsqlCommand cmd, MaturitySubmission s)
    {
        cmd.Parameters.AddWithValue(s.Establishment);
        cmd.Parameters.AddWithValue(s.GridVersion);
        cmd.Parameters.AddWithValue(s.SubmittedAt);
        cmd.Parameters.AddWithValue(s.SubmittedBy);
        cmd.Parameters.AddWithValue(JsonSerializer.Serialize(s.Answers, Json));
        cmd.Parameters.AddWithValue(JsonSerializer.Serialize(s.Score, Json));
        cmd.Parameters.AddWithValue(NpgsqlDbType.Double, (object?)s.Score.Percent ?? DBNull.Value);
    }

    private static Dictionary<string, string> Answers(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, Json) ?? [];
}
