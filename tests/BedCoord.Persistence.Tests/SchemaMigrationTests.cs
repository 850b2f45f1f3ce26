using BedCoord.Testing;

namespace BedCoord.Persistence.Tests;

public sealed class SchemaMigrationTests(PostgresFixture postgres)
{
    private static readonly string[] Tables =
    [
        "orleansquery", "orleansstorage", "orleansmembershipversiontable", "orleansmembershiptable",
        "orleansreminderstable", "bedcoord_audit", "bedcoord_schema_version",
    ];

    private static readonly string[] Functions =
    [
        "writetostorage", "update_i_am_alive_time", "insert_membership_version", "insert_membership",
        "update_membership", "upsert_reminder_row", "delete_reminder_row", "bedcoord_audit_append_only",
    ];

    private static readonly string[] QueryKeys =
    [
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey",
        "MembershipReadRowKey", "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey",
        "CleanupDefunctSiloEntriesKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task Migrating_twice_leaves_the_complete_schema_and_one_version_row()
    {
        var db = await postgres.CreateDatabaseAsync();

        await OrleansSchema.MigrateAsync(db, TestContext.Current.CancellationToken);
        await OrleansSchema.MigrateAsync(db, TestContext.Current.CancellationToken);

        await AssertCompleteSchemaAsync(db);
    }

    [Fact]
    public async Task Three_silos_migrating_a_fresh_database_at_once_all_succeed()
    {
        var db = await postgres.CreateDatabaseAsync();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => OrleansSchema.MigrateAsync(db, TestContext.Current.CancellationToken))));

        await AssertCompleteSchemaAsync(db);
    }

    [Fact]
    public async Task The_scripts_themselves_are_idempotent_when_no_version_is_recorded()
    {
        var db = await postgres.CreateDatabaseAsync();
        await OrleansSchema.MigrateAsync(db, TestContext.Current.CancellationToken);
        await Db.ExecuteAsync(db, "INSERT INTO bedcoord_audit (at, actor, role, action, scope_kind, scope_id) VALUES (now(), 'a', 'r', 'x', 'bed', '1')");

        // Forces every script to run again over the existing objects.
        await Db.ExecuteAsync(db, "DELETE FROM bedcoord_schema_version");
        await OrleansSchema.MigrateAsync(db, TestContext.Current.CancellationToken);

        await AssertCompleteSchemaAsync(db);
        Assert.Equal(1L, await Db.ScalarAsync<long>(db, "SELECT count(*) FROM bedcoord_audit"));
    }

    [Fact]
    public async Task A_database_from_the_pre_3_6_scripts_is_upgraded_to_timestamptz_without_losing_rows()
    {
        var db = await postgres.CreateDatabaseAsync();
        await Db.ExecuteAsync(db, """
            CREATE TABLE OrleansStorage (grainidhash integer NOT NULL, grainidn0 bigint NOT NULL, grainidn1 bigint NOT NULL,
                graintypehash integer NOT NULL, graintypestring character varying(512) NOT NULL,
                grainidextensionstring character varying(512), serviceid character varying(150) NOT NULL,
                payloadbinary bytea, modifiedon timestamp without time zone NOT NULL, version integer);
            INSERT INTO OrleansStorage VALUES (1, 2, 3, 4, 'type', NULL, 'svc', NULL, '2020-01-01 12:00:00', 1);
            """);

        await OrleansSchema.MigrateAsync(db, TestContext.Current.CancellationToken);

        Assert.Equal("timestamp with time zone", await Db.ScalarAsync<string>(db,
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'orleansstorage' AND column_name = 'modifiedon'"));
        Assert.Equal(new DateTime(2020, 1, 1, 12, 0, 0, DateTimeKind.Utc),
            await Db.ScalarAsync<DateTime>(db, "SELECT modifiedon FROM orleansstorage"));
    }

    private static async Task AssertCompleteSchemaAsync(string db)
    {
        var tables = await Db.StringsAsync(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        Assert.All(Tables, t => Assert.Contains(t, tables));

        var functions = await Db.StringsAsync(db, "SELECT routine_name FROM information_schema.routines WHERE routine_schema = 'public'");
        Assert.All(Functions, f => Assert.Contains(f, functions));
        // CREATE OR REPLACE must not have left overloads behind.
        Assert.Equal(functions.Count, functions.Distinct().Count());

        var keys = await Db.StringsAsync(db, "SELECT querykey FROM orleansquery");
        Assert.Equal(QueryKeys.Order(), keys.Order());

        Assert.Equal("timestamp with time zone", await Db.ScalarAsync<string>(db,
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'orleansstorage' AND column_name = 'modifiedon'"));
        Assert.Equal(2L, await Db.ScalarAsync<long>(db,
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'bedcoord_audit' AND indexname IN ('ix_bedcoord_audit_scope', 'ix_bedcoord_audit_at')"));
        Assert.Equal(1L, await Db.ScalarAsync<long>(db,
            "SELECT count(*) FROM bedcoord_schema_version WHERE version = $1 AND checksum = $2", OrleansSchema.Version, OrleansSchema.Checksum));
    }
}
