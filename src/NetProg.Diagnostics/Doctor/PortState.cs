namespace NetProg.Diagnostics.Doctor;

/// <summary>
/// A port's state as nmap names it for connect scans (nmap(1), "Port Scanning Basics"; nmap's scan_engine_connect.cc).
/// </summary>
public enum PortState
{
    /// <summary>An application accepted the connection (or answered the datagram).</summary>
    Open,
    /// <summary>The host answered that nothing listens (RST, ICMP port unreachable): reachable, no server.</summary>
    Closed,
    /// <summary>No answer at all: something drops the packets.</summary>
    Filtered,
    /// <summary>UDP silence: open ports may also say nothing.</summary>
    OpenOrFiltered,
    /// <summary>No route, host unreachable, or administratively prohibited.</summary>
    Unreachable,
}
