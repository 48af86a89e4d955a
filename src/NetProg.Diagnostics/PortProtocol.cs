namespace NetProg.Diagnostics;

/// <summary>The transport whose local port is looked up.</summary>
public enum PortProtocol
{
    /// <summary>TCP; only listening sockets count as owners.</summary>
    Tcp,

    /// <summary>UDP; any socket bound to the port counts (UDP has no listen state).</summary>
    Udp,
}
