using Npgsql;

namespace BedCoord.Testing;

/// <summary>Tiny query helpers so tests read as assertions, not ADO.NET plumbing.</summary>
public static class Db
{
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params object[] args)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
            command.Parameters.AddWithValue(arg);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<int> ExecuteAsync(string connectionString, string sql, params object[] args)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
            command.Parameters.AddWithValue(arg);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<string>> StringsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
            values.Add(reader.GetString(0));
        return values;
    }
}
