using BedCoord.Domain.Beds;
using BedCoord.Domain.History;
using BedCoord.Persistence.History;
using BedCoord.Testing;
using Npgsql;

namespace BedCoord.Persistence.Tests;

/// <summary>The history tiers on a real PostgreSQL: partitions, retention, roll-ups across DST, the projector's fenced cursor.</summary>
public sealed class HistoryStoreTests(PostgresFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateTimeOffset Utc(string s) => DateTimeOffset.Parse(s, null, System.Globalization.DateTimeStyles.AssumeUniversal);

    private async Task<(NpgsqlDataSource Db, string ConnectionString, HistoryStore Store)> FreshAsync()
    {
        var cs = await postgres.CreateDatabaseAsync();
        await OrleansSchema.MigrateAsync(cs, Ct);
        var db = NpgsqlDataSource.Create(cs);
        return (db, cs, new HistoryStore(db, new HistoryPartitions(db)));
    }

    private static HistoryRow Row(string scope, DateTimeOffset bucket, int occupied, int min, int max, int? level = null) =>
        new(scope, bucket, new ScopeValues(new BedFigures(20, 0, 0, occupied, 0, 0), 20 - occupied, null, null, 1, 0, level, level, null),
            min, max, level, level, null);

    [Fact]
    public async Task Retention_drops_whole_partitions_past_the_cutoff_and_keeps_the_rest()
    {
        var (db, cs, store) = await FreshAsync();
        await using var _ = db;
        var day0 = Utc("2026-11-20T00:00:00Z");
        await store.Partitions.EnsureAsync(Step.Minute, day0, day0.AddDays(9), Ct);
        var rows = Enumerable.Range(0, 10).Select(d => Row("unit:x/a", day0.AddDays(d).AddHours(10), d, d, d)).ToList();
        Assert.True(await store.WriteMinutesAsync(rows, day0, day0.AddDays(10), Ct)); // no cursor yet: the first pass sets it

        var dropped = await store.Partitions.DropBeforeAsync(Step.Minute, day0.AddDays(4), Ct);

        Assert.Equal(["bedcoord_history_m1_20261120", "bedcoord_history_m1_20261121", "bedcoord_history_m1_20261122", "bedcoord_history_m1_20261123"],
            dropped.Order().ToList());
        var kept = await store.ReadAsync(Step.Minute, "unit:x/a", day0, day0.AddDays(10), Ct);
        Assert.Equal(Enumerable.Range(4, 6), kept.Select(r => r.End.Beds.Occupied));
        Assert.Equal(6, (await store.Partitions.ListAsync(Step.Minute, Ct)).Count(n => string.CompareOrdinal(n, "bedcoord_history_m1_20261124") >= 0));
    }

    [Fact]
    public async Task A_bucket_without_its_partition_is_refused_not_kept_in_a_default_one()
    {
        var (db, cs, _) = await FreshAsync();
        await using var __ = db;

        var e = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(cs, """
            INSERT INTO bedcoord_history_m1 (scope, bucket, installed, closed, surge, occupied, reserved, expected_discharges,
                available_min, available_max, available_post_ed, units, stale_units)
            VALUES ('unit:x/a', '2030-01-01T00:00:00Z', 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0)
            """));
        Assert.Equal("23514", e.SqlState); // no partition of relation found for row
    }

    [Fact]
    public async Task The_autumn_day_of_25_hours_rolls_up_into_one_Paris_day_with_its_widest_range()
    {
        var (db, cs, store) = await FreshAsync();
        await using var _ = db;
        var start = Utc("2026-10-24T21:00:00Z");
        var rows = new[]
        {
            Row("department:31", Utc("2026-10-24T21:30:00Z"), 5, 5, 5),   // Saturday 23:30 Paris: the day before
            Row("department:31", Utc("2026-10-24T22:10:00Z"), 8, 3, 12),  // Sunday 00:10 Paris (summer time)
            Row("department:31", Utc("2026-10-25T22:50:00Z"), 9, 9, 9),   // Sunday 23:50 Paris (winter time): same day
            Row("department:31", Utc("2026-10-25T23:05:00Z"), 1, 1, 1),   // Monday 00:05 Paris
        };
        await Db.ExecuteAsync(cs, "INSERT INTO bedcoord_history_cursor (name, processed_to) VALUES ('projector', $1)", start);

        Assert.True(await store.WriteMinutesAsync(rows, start, Utc("2026-10-26T00:00:00Z"), Ct));
        await store.RollUpAsync(start, Utc("2026-10-26T00:00:00Z"), Ct);

        var days = await store.ReadAsync(Step.Day, "department:31", Utc("2026-10-23T22:00:00Z"), Utc("2026-10-26T12:00:00Z"), Ct);
        Assert.Equal([Utc("2026-10-23T22:00:00Z"), Utc("2026-10-24T22:00:00Z"), Utc("2026-10-25T23:00:00Z")], days.Select(d => d.Bucket));
        var sunday = days[1];
        Assert.Equal((9, 3, 12), (sunday.End.Beds.Occupied, sunday.AvailableMin, sunday.AvailableMax));
        var hours = await store.ReadAsync(Step.Hour, "department:31", Utc("2026-10-24T21:00:00Z"), Utc("2026-10-25T23:59:00Z"), Ct);
        Assert.Equal(4, hours.Count);
    }

    [Fact]
    public async Task A_projector_whose_cursor_moved_under_it_writes_nothing_and_a_replayed_minute_overwrites_itself()
    {
        var (db, cs, store) = await FreshAsync();
        await using var _ = db;
        var t0 = Utc("2026-12-01T10:00:00Z");
        await Db.ExecuteAsync(cs, "INSERT INTO bedcoord_history_cursor (name, processed_to) VALUES ('projector', $1)", t0);

        // The silo that took over writes the minute first and moves the cursor...
        Assert.True(await store.WriteMinutesAsync([Row("unit:x/a", t0, 7, 6, 9)], t0, t0.AddMinutes(1), Ct));
        // ...the one it replaced, late, expects the cursor where it left it: refused, nothing written.
        Assert.False(await store.WriteMinutesAsync([Row("unit:x/a", t0, 99, 99, 99)], t0, t0.AddMinutes(1), Ct));
        // A rewind (a back-fill) recomputes the same minute: overwritten, not added.
        await store.RewindAsync(t0, Ct);
        Assert.True(await store.WriteMinutesAsync([Row("unit:x/a", t0, 7, 6, 9)], t0, t0.AddMinutes(1), Ct));

        var rows = await store.ReadAsync(Step.Minute, "unit:x/a", t0, t0.AddMinutes(5), Ct);
        var row = Assert.Single(rows);
        Assert.Equal((7, 6, 9), (row.End.Beds.Occupied, row.AvailableMin, row.AvailableMax));
        Assert.Equal(1L, await Db.ScalarAsync<long>(cs, "SELECT count(*) FROM bedcoord_history_m1"));
    }
}
