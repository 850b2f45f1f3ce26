using BedCoord.Testing;

namespace BedCoord.Server.Tests;

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

    public async ValueTask DisposeAsync() { if (Server is not null) await Server.DisposeAsync(); }
}
