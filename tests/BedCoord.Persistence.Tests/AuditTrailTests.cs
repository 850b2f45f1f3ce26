using BedCoord.Testing;
using Npgsql;

namespace BedCoord.Persistence.Tests;

public sealed class AuditTrailTests(PostgresFixture postgres)
{
    private const string Insert = """
        INSERT INTO bedcoord_audit (at, actor, role, action, scope_kind, scope_id, before, after, request_id)
        VALUES (now(), 'dr.martin', 'bed_manager', 'bed.close', 'ward', 'chu-tlse/ward-12', '{"open":4}', '{"open":3}', 'req-1')
        """;

    [Theory]
    [InlineData("UPDATE bedcoord_audit SET actor = 'someone-else'")]
    [InlineData("DELETE FROM bedcoord_audit")]
    [InlineData("TRUNCATE bedcoord_audit")]
    public async Task The_trail_refuses_to_be_rewritten_or_erased(string tamper)
    {
        var db = await postgres.CreateDatabaseAsync();
        await OrleansSchema.MigrateAsync(db, TestContext.Current.CancellationToken);
        await Db.ExecuteAsync(db, Insert);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(db, tamper));

        Assert.Contains("append-only", refused.MessageText);
        Assert.Equal("dr.martin", await Db.ScalarAsync<string>(db, "SELECT actor FROM bedcoord_audit"));
    }

    [Fact]
    public async Task Appending_keeps_every_entry_with_its_json_snapshots()
    {
        var db = await postgres.CreateDatabaseAsync();
        await OrleansSchema.MigrateAsync(db, TestContext.Current.CancellationToken);

        await Db.ExecuteAsync(db, Insert);
        await Db.ExecuteAsync(db, Insert);

        Assert.Equal(2L, await Db.ScalarAsync<long>(db, "SELECT count(*) FROM bedcoord_audit WHERE (after->>'open')::int = 3"));
    }
}
