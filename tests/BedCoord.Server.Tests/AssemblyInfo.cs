using BedCoord.Testing;

[assembly: AssemblyFixture(typeof(PostgresFixture))]
