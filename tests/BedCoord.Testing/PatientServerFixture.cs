using Xunit;

namespace BedCoord.Testing;

/// <summary>
/// Like <see cref="ServerFixture"/>, but the server is given four minutes to get ready instead of ninety seconds:
/// the demo seed (1,091 units, three years of admissions) took longer than that on a build machine shared by
/// several test runs, and a class whose every test fails on start-up says nothing about what it tests.
/// </summary>
public sealed class PatientServerFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(4);

    public ServerProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Server = await ServerProcess.StartAsync(await postgres.CreateSeededDatabaseAsync(), readyTimeout: ReadyTimeout);

    public async ValueTask DisposeAsync()
    {
        if (Server is null) return;
        Server.Kill();
        await Server.DisposeAsync();
    }
}
