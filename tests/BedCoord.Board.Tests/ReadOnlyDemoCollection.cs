using BedCoord.Testing;

namespace BedCoord.Board.Tests;

/// <summary>
/// The classes that only look at the demo (no write, no restart, default settings) share one server: its start
/// costs more than their tests together. A class that writes, stops its server or changes a setting keeps its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ReadOnlyDemoCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "read-only demo";
}
