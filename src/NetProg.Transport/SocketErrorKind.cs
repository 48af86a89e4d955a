namespace NetProg.Transport;

/// <summary>
/// What went wrong with a socket, in the few classes a user can act on. Every <see cref="System.Net.Sockets.SocketException"/>
/// is classified once, by <see cref="SocketErrors.Classify(Exception)"/>; the CLI turns the class into plain words.
/// </summary>
public enum SocketErrorKind
{
    Other,
    /// <summary>RST in answer to SYN (ECONNREFUSED), or ICMP port unreachable on a connected UDP socket: the host is up, nothing listens.</summary>
    ConnectionRefused,
    /// <summary>No answer at all before our deadline: a firewall dropping packets, NAT without a forwarding rule, or a wrong address.</summary>
    TimedOut,
    /// <summary>ICMP host unreachable (EHOSTUNREACH), often a REJECTing firewall or a host that is down on the LAN.</summary>
    HostUnreachable,
    /// <summary>No route to that network (ENETUNREACH): wrong address or subnet, or the interface is down.</summary>
    NetworkUnreachable,
    /// <summary>The peer reset an established connection (ECONNRESET, EPIPE).</summary>
    ConnectionReset,
    /// <summary>The local side aborted the connection (ECONNABORTED; also how Windows reports some resets).</summary>
    ConnectionAborted,
    /// <summary>bind(): another socket already has this address and port (EADDRINUSE).</summary>
    AddressInUse,
    /// <summary>bind(): the address is not one of this machine's (EADDRNOTAVAIL), or no ephemeral port is left for connect().</summary>
    AddressNotAvailable,
    /// <summary>bind() to a port below 1024 without privileges (EACCES), or a firewall/policy refusal.</summary>
    AccessDenied,
    /// <summary>The name does not resolve (NXDOMAIN) or the resolver could not be reached.</summary>
    HostNotFound,
    /// <summary>The address family is not supported here (e.g. IPv6 disabled).</summary>
    AddressFamilyNotSupported,
    /// <summary>A datagram was larger than the path or the socket buffer allows (EMSGSIZE).</summary>
    MessageTooLong,
}
