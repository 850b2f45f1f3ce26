using BedCoord.Testing;

namespace BedCoord.Persistence.Tests;

public sealed class EmbeddedPostgresTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_restart_on_the_same_data_directory_keeps_the_data_even_after_a_stale_pid_file()
    {
        var root = postgres.CreateScratchDirectory();
        var data = Path.Combine(root, "data");
        try
        {
            await using (var server = await EmbeddedPostgres.StartAsync(data, ct: TestContext.Current.CancellationToken))
            {
                var db = await server.CreateDatabaseAsync("keepme", TestContext.Current.CancellationToken);
                await Db.ExecuteAsync(db, "CREATE TABLE beds (id text PRIMARY KEY); INSERT INTO beds VALUES ('b1')");
            }

            // What a server killed with SIGKILL leaves behind, pointing at a pid that no longer exists.
            await File.WriteAllTextAsync(Path.Combine(data, "postmaster.pid"), "999999\n" + data + "\n", TestContext.Current.CancellationToken);

            await using (var server = await EmbeddedPostgres.StartAsync(data, ct: TestContext.Current.CancellationToken))
            {
                var db = await server.CreateDatabaseAsync("keepme", TestContext.Current.CancellationToken);
                Assert.Equal("b1", await Db.ScalarAsync<string>(db, "SELECT id FROM beds"));
                Assert.StartsWith("PostgreSQL", await Db.ScalarAsync<string>(server.ConnectionString, "SELECT version()"));
            }
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Starting_on_a_directory_whose_server_was_left_running_takes_it_over()
    {
        var data = Path.Combine(postgres.CreateScratchDirectory(), "data");
        var ct = TestContext.Current.CancellationToken;
        var leftover = await EmbeddedPostgres.StartAsync(data, ct: ct);
        var db = await leftover.CreateDatabaseAsync("survivor", ct);
        await Db.ExecuteAsync(db, "CREATE TABLE t (x int); INSERT INTO t VALUES (42)");

        await using (var successor = await EmbeddedPostgres.StartAsync(data, ct: ct))
        {
            Assert.Equal(42, await Db.ScalarAsync<int>(successor.ConnectionStringFor("survivor"), "SELECT x FROM t"));
            await Assert.ThrowsAnyAsync<Exception>(() => Db.ScalarAsync<int>(db, "SELECT 1"));
        }

        // Its server is already gone; stopping must not throw.
        await leftover.StopAsync();
    }

    [Fact]
    public async Task The_server_listens_on_loopback_only()
    {
        var root = postgres.CreateScratchDirectory();
        try
        {
            await using var server = await EmbeddedPostgres.StartAsync(Path.Combine(root, "data"), ct: TestContext.Current.CancellationToken);
            Assert.Equal("127.0.0.1", await Db.ScalarAsync<string>(server.ConnectionString, "SHOW listen_addresses"));
            Assert.Equal("on", await Db.ScalarAsync<string>(server.ConnectionString, "SHOW fsync"));
            Assert.Equal("200", await Db.ScalarAsync<string>(server.ConnectionString, "SHOW max_connections"));
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }
    }
}
