using BedCoord.Server.Hosting;
using Npgsql;

namespace BedCoord.Server.Tests;

/// <summary>The storage connection settings an operator gets, and that what they write wins.</summary>
public sealed class StorageSetupTests
{
    [Fact]
    public void An_operators_connection_string_gets_a_capped_pool_no_session_reset_and_auto_prepared_statements()
    {
        var tuned = new NpgsqlConnectionStringBuilder(StorageSetup.Tune("Host=db;Database=bedcoord;Username=app", 40));

        Assert.Equal(40, tuned.MaxPoolSize);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(32, tuned.MaxAutoPrepare);
        Assert.Equal("db", tuned.Host);
    }

    [Fact]
    public void Settings_written_in_the_connection_string_win_whatever_their_spelling()
    {
        var tuned = new NpgsqlConnectionStringBuilder(StorageSetup.Tune(
            "Host=db;Database=bedcoord;MaxPoolSize=7;No Reset On Close=false;Max Auto Prepare=0", 40));

        Assert.Equal(7, tuned.MaxPoolSize);
        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
    }
}
