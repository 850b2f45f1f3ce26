using BedCoord.Domain.Maturity;
using Npgsql;

namespace BedCoord.Persistence.Maturity;

/// <summary>Programme modules followed by establishments (append-only, Sql/10-Maturity.sql).</summary>
public sealed class AccompanimentStore(NpgsqlDataSource db)
{
    public async Task<long> AddAsync(Accompaniment a, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO bedcoord_maturity_accompaniments (establishment, module, started_on, ended_on, evaluation_on, impact_review_on, note, recorded_at, recorded_by)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
            """);
        cmd.Parameters.AddWithValue(a.Establishment);
        cmd.Parameters.AddWithValue(a.Module);
        cmd.Parameters.AddWithValue(a.StartedOn);
        cmd.Parameters.AddWithValue((object?)a.EndedOn ?? DBNull.Value);
        cmd.Parameters.AddWithValue((object?)a.EvaluationOn ?? DBNull.Value);
        cmd.Parameters.AddWithValue((object?)a.ImpactReviewOn ?? DBNull.Value);
        cmd.Parameters.AddWithValue((object?)a.Note ?? DBNull.Value);
        cmd.Parameters.AddWithValue(a.RecordedAt);
        cmd.Parameters.AddWithValue(a.RecordedBy);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>An establishment's modules, by start date.</summary>
    public async Task<IReadOnlyList<Accompaniment>> ListAsync(string establishment, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            SELECT id, establishment, module, started_on, ended_on, evaluation_on, impact_review_on, note, recorded_at, recorded_by
            FROM bedcoord_maturity_accompaniments WHERE establishment = $1 ORDER BY started_on, id
            """);
        cmd.Parameters.AddWithValue(establishment);
        var list = new List<Accompaniment>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            DateOnly? D(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
            list.Add(new Accompaniment(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateOnly>(3), D(4), D(5), D(6),
                r.IsDBNull(7) ? null : r.GetString(7), r.GetFieldValue<DateTimeOffset>(8), r.GetString(9)));
        }
        return list;
    }

    public async Task<bool> AnyAsync(CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("SELECT EXISTS (SELECT 1 FROM bedcoord_maturity_accompaniments)");
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
