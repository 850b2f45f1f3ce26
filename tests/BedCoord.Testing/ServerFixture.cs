using Xunit;

namespace BedCoord.Testing;

/// <summary>One real server process with the Occitanie demo data, shared by a test class.</summary>
public class ServerFixture(PostgresFixture postgres) : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;
    public string Database { get; private set; } = null!;

    /// <summary>Settings on top of the defaults of <see cref="ServerProcess.StartAsync"/>.</summary>
    protected virtual IDictionary<string, string>? Settings => null;

    /// <summary>
    /// Whether the server starts on a copy of the already seeded demo database (<see cref="PostgresFixture.CreateSeededDatabaseAsync"/>)
    /// rather than seeding an empty one itself: by default unless <see cref="Settings"/> change what the seed writes
    /// (<see cref="PostgresFixture.ChangesTheSeed"/>). Settings that add to the demo (its crisis cell, the simulator) run on the copy.
    /// </summary>
    protected virtual bool StartsSeeded => Settings is not { } settings || !PostgresFixture.ChangesTheSeed(settings);

    public async ValueTask InitializeAsync()
    {
        Database = StartsSeeded ? await postgres.CreateSeededDatabaseAsync() : await postgres.CreateDatabaseAsync();
        Server = await ServerProcess.StartAsync(Database, Settings);
    }

    // Nothing is read back after the class: a kill spares the clean shutdown's wait (the database goes with the run).
    public async ValueTask DisposeAsync()
    {
        if (Server is null) return;
        Server.Kill();
        await Server.DisposeAsync();
    }
}

/// <summary>
/// A server whose per-caller rate limit is out of reach: for tests that send thousands of requests with
/// one token on purpose (the hostile-input corpus), where a 429 would hide what validation answers.
/// </summary>
public sealed class UnthrottledServerFixture(PostgresFixture postgres) : ServerFixture(postgres)
{
    public static readonly IDictionary<string, string> Unthrottled = new Dictionary<string, string>
    {
        ["RateLimit:PermitsPerSecond"] = "1000000",
        ["RateLimit:Burst"] = "1000000",
    };

    protected override IDictionary<string, string>? Settings => Unthrottled;
}

/// <summary>A server that seeds the demo into an empty database itself, for the tests of that seed.</summary>
public sealed class FreshlySeededServerFixture(PostgresFixture postgres) : ServerFixture(postgres)
{
    protected override bool StartsSeeded => false;
}
