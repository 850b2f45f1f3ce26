using System.ComponentModel.DataAnnotations;

namespace BedCoord.Server.Settings;

/// <summary>The "Storage" section: where PostgreSQL lives when no connection string "BedCoord" is given.</summary>
public sealed class StorageSettings
{
    public const string Section = "Storage";

    /// <summary>Data directory of the embedded PostgreSQL server (created on first start).</summary>
    public string DataDirectory { get; set; } = Path.Combine(".data", "pg");

    /// <summary>Port of the embedded server; a free loopback port when unset.</summary>
    [Range(1, 65535, ErrorMessage = "a TCP port between 1 and 65535, or leave it unset for a free one")]
    public int? Port { get; set; }

    /// <summary>Connections this process may hold; see StorageSetup.Tune for why it is below Npgsql's 100.</summary>
    [Range(2, 1000, ErrorMessage = "between 2 and 1000 connections")]
    public int MaxPoolSize { get; set; } = 40;
}
