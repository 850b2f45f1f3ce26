using System.Net;
using System.Net.Sockets;

namespace BedCoord.Testing;

public static class FreePorts
{
    /// <summary>A loopback port nobody listens on right now (other servers may hold the usual ones).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
