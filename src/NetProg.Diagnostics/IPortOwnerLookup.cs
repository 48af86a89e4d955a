namespace NetProg.Diagnostics;

/// <summary>Finds which processes own a local port, so the CLI can say
/// "port 30000/tcp is already in use by python3 (pid 1234)".</summary>
public interface IPortOwnerLookup
{
    /// <summary>
    /// Returns the processes with a listening TCP socket (<see cref="PortProtocol.Tcp"/>) or a bound UDP socket
    /// (<see cref="PortProtocol.Udp"/>) on local <paramref name="port"/>, on any local address, IPv4 and IPv6,
    /// ordered by process id.
    /// </summary>
    /// <remarks>
    /// Empty means "unknown", not "free": other users' processes are invisible without root/admin
    /// (psutil reports pid = None rather than failing, giampaolo/psutil#1219). Never throws; returns within about 2 s.
    /// </remarks>
    IReadOnlyList<PortOwner> FindOwners(PortProtocol protocol, int port);
}
