using Xunit;

namespace BedCoord.Testing;

/// <summary>One real server process with the Occitanie demo data, shared by a test class.</summary>
public sealed class ServerFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;
    public string Database { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Database = await postgres.CreateDatabaseAsync();
        Server = await ServerProcess.StartAsync(Database);
    }

    // Nothing is read back after the class: a kill spares the clean shutdown's wait (the database goes with the run).
    public async ValueTask DisposeAsync()
    {
        if (Server is null) return;
        Server.Kill();
        await Server.DisposeAsync();
    }
}
