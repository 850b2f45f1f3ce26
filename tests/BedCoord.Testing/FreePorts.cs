using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace BedCoord.Testing;

public static class FreePorts
{
    // The system may hand the same ephemeral port out again as soon as the probe closes: a server once got the
    // same number for its silo and its HTTP endpoint and died on "address already in use". Never give one twice.
    private static readonly ConcurrentDictionary<int, byte> Given = new();

    /// <summary>A loopback port nobody listens on right now (other servers may hold the usual ones), never given before in this process.</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (Given.TryAdd(port, 0)) return port;
        }
    }
}
