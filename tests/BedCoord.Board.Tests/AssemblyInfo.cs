using BedCoord.Board.Tests;
using BedCoord.Testing;

[assembly: AssemblyFixture(typeof(PostgresFixture))]
[assembly: AssemblyFixture(typeof(BrowserFixture))]
