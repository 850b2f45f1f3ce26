using BedCoord.Testing;

namespace BedCoord.Server.Tests.Contract;

/// <summary>
/// One server with the demo data for the contract tests (they only read, or write units no other class of the
/// collection touches), given longer to get ready than the default: on a loaded CI machine the demo seed alone
/// can take more than a minute and a half.
/// </summary>
public sealed class ContractServer(PostgresFixture postgres) : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Server = await ServerProcess.StartAsync(await postgres.CreateSeededDatabaseAsync(), readyTimeout: TimeSpan.FromMinutes(4));

    public async ValueTask DisposeAsync()
    {
        if (Server is null) return;
        Server.Kill();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ContractCollection : ICollectionFixture<ContractServer>
{
    public const string Name = "contract";
}
