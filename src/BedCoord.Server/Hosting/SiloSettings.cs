namespace BedCoord.Server.Hosting;

/// <summary>The "Cluster" configuration section (not "Orleans": Orleans reads that one itself): how this process joins the cluster.</summary>
public sealed class SiloSettings
{
    public const string Section = "Cluster";
    /// <summary>Orleans' ClusterMembershipOptions by property name, e.g. "Cluster:Membership:ProbeTimeout": "00:00:02".</summary>
    public const string MembershipSection = "Cluster:Membership";

    /// <summary>"localhost" (one silo, the default) or "adonet" (membership in the PostgreSQL database).</summary>
    public string Clustering { get; set; } = "localhost";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;
    public string ClusterId { get; set; } = "bedcoord";
    public string ServiceId { get; set; } = "bedcoord";
    /// <summary>The address other silos reach this one at; loopback by default.</summary>
    public string AdvertisedIp { get; set; } = "127.0.0.1";

    public bool UsesDatabaseClustering => string.Equals(Clustering, "adonet", StringComparison.OrdinalIgnoreCase);
}
